using BootPrep.Binary;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Binary;

/// <summary>Cache files that tell whether they are whole: written and read as streams, never trusted when damaged.</summary>
public sealed class ChecksummedFileTests : IDisposable
{
    private readonly TestTree _tree = new();
    private readonly string _path;
    private readonly byte[] _body = new byte[(1 << 18) + 17];

    public ChecksummedFileTests()
    {
        _path = Path.Combine(_tree.Root, "cache", "entry");
        new Random(3).NextBytes(_body);
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void The_body_written_in_pieces_reads_back_and_ends_before_the_checksum()
    {
        ChecksummedFile.Write(_path, body =>
        {
            for (var at = 0; at < _body.Length; at += 1000)
            {
                body.Write(_body.AsSpan(at, Math.Min(1000, _body.Length - at)));
            }
        });

        using var body = ChecksummedFile.OpenRead(_path);
        var read = new MemoryStream();
        body!.CopyTo(read);

        Assert.Equal(_body, read.ToArray());
        Assert.Equal(_body.Length + 32, new FileInfo(_path).Length);
        Assert.Equal(body.Length, body.Position);
        Assert.Equal([Path.GetFileName(_path)], Directory.GetFiles(Path.GetDirectoryName(_path)!).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1 << 17)]
    [InlineData((1 << 18) + 17 + 31)]
    public void A_file_with_one_byte_changed_reads_as_none(int offset)
    {
        ChecksummedFile.Write(_path, body => body.Write(_body));
        var bytes = File.ReadAllBytes(_path);
        bytes[offset] ^= 0x01;
        File.WriteAllBytes(_path, bytes);

        Assert.Null(ChecksummedFile.OpenRead(_path));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(1 << 17)]
    public void A_shortened_file_reads_as_none(int shortenedBy)
    {
        ChecksummedFile.Write(_path, body => body.Write(_body));
        var bytes = File.ReadAllBytes(_path);
        File.WriteAllBytes(_path, bytes[..^shortenedBy]);

        Assert.Null(ChecksummedFile.OpenRead(_path));
    }

    [Fact]
    public void A_missing_file_or_one_no_longer_than_a_checksum_reads_as_none()
    {
        Assert.Null(ChecksummedFile.OpenRead(_path));
        _tree.File("cache/entry", new byte[32]);
        Assert.Null(ChecksummedFile.OpenRead(_path));
    }

    [Fact]
    public void A_body_that_fails_to_be_written_leaves_the_old_file_and_nothing_else()
    {
        ChecksummedFile.Write(_path, body => body.Write(_body));

        Assert.Throws<IOException>(() => ChecksummedFile.Write(_path, body =>
        {
            body.Write(new byte[100_000]);
            throw new IOException("disk full");
        }));

        using var body = ChecksummedFile.OpenRead(_path);
        var read = new MemoryStream();
        body!.CopyTo(read);
        Assert.Equal(_body, read.ToArray());
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(_path)!));
    }

    [Fact]
    public void A_reader_keeps_reading_the_file_it_opened_when_a_new_one_is_renamed_over_it()
    {
        ChecksummedFile.Write(_path, body => body.Write(_body));
        using var body = ChecksummedFile.OpenRead(_path);

        ChecksummedFile.Write(_path, body => body.Write("new"u8));
        var read = new MemoryStream();
        body!.CopyTo(read);

        Assert.Equal(_body, read.ToArray());
    }
}
