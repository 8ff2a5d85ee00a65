using System.Security.Cryptography;
using BootPrep.Binary;

namespace BootPrep.Tests.Binary;

public sealed class RangeHashesTests
{
    [Fact]
    public void One_pass_gives_the_hashes_of_the_whole_and_of_every_range()
    {
        var bytes = new byte[(3 << 20) + 12345];
        new Random(7).NextBytes(bytes);
        (long, long)[] ranges = [(0, 10), ((1 << 20) - 5, 10), (100, 2 << 20), (500, 300), (bytes.Length - 1, 1), (7, 0), (bytes.Length, 1), (-1, 2)];

        var (whole, parts) = RangeHashes.Compute(FileRange.Of(new MemoryStream(bytes)), ranges);

        Assert.Equal(Hex(bytes), whole);
        Assert.Equal(
            ranges.Select(range => range.Item1 >= 0 && range.Item1 + range.Item2 <= bytes.Length ? Hex(bytes.AsSpan((int)range.Item1, (int)range.Item2).ToArray()) : null),
            parts);
    }

    [Fact]
    public void A_stated_digest_of_the_whole_is_kept_and_only_the_ranges_are_read()
    {
        var bytes = new byte[5 << 20];
        new Random(8).NextBytes(bytes);
        (long Offset, long Length)[] ranges = [(4096, 100), (3 << 20, 1 << 20), (4000, 200), (bytes.Length, 1)];
        var source = new RecordingSource(bytes);

        var (whole, parts) = RangeHashes.Compute(FileRange.Of(source), ranges, whole: "stated");

        Assert.Equal("stated", whole);
        Assert.Equal([Hex(bytes[4096..4196]), Hex(bytes[(3 << 20)..(4 << 20)]), Hex(bytes[4000..4200]), null], parts);
        Assert.Equal(4000, source.Reads.Min(read => read.Offset));
        Assert.True(source.Reads.Sum(read => (long)read.Length) <= (2 << 20) + 200, $"{source.Reads.Sum(read => (long)read.Length)} bytes read");
        Assert.DoesNotContain(source.Reads, read => read.Offset > 4200 && read.Offset < 3 << 20);
    }

    private static string Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private sealed class RecordingSource(byte[] bytes) : RandomAccessSource
    {
        public List<(long Offset, int Length)> Reads { get; } = [];

        public override long Length => bytes.Length;

        public override int Read(Span<byte> buffer, long offset)
        {
            var count = (int)Math.Min(buffer.Length, bytes.Length - offset);
            Reads.Add((offset, count));
            bytes.AsSpan((int)offset, count).CopyTo(buffer);
            return count;
        }
    }
}
