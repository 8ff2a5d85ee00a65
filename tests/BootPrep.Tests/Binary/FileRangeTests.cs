using BootPrep.Binary;

namespace BootPrep.Tests.Binary;

public sealed class FileRangeTests
{
    private static readonly byte[] s_bytes = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];

    [Theory]
    [InlineData(0, 10, true)]
    [InlineData(90, 10, true)]
    [InlineData(90, 11, false)]
    [InlineData(100, 0, true)]
    [InlineData(-1, 1, false)]
    [InlineData(0, -1, false)]
    [InlineData(50, long.MaxValue, false)]
    public void Contains_never_lets_a_read_past_the_end(long position, long count, bool inside)
    {
        Assert.Equal(inside, FileRange.Of(new MemoryStream(s_bytes)).Contains(position, count));
    }

    [Fact]
    public void A_read_past_the_end_fills_what_there_is_and_zeroes_the_rest()
    {
        var range = FileRange.Of(new MemoryStream(s_bytes)).Slice(90, 10);
        var buffer = new byte[8];
        buffer.AsSpan().Fill(0xff);

        var read = range.ReadAt(6, buffer);

        Assert.Equal(4, read);
        Assert.Equal(new byte[] { 96, 97, 98, 99, 0, 0, 0, 0 }, buffer);
        Assert.Equal(0, range.ReadAt(10, buffer));
        Assert.Equal(0, range.ReadAt(-1, buffer));
    }

    [Fact]
    public void Positional_reads_of_a_file_leave_its_position_alone()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, s_bytes);
            using var stream = File.OpenRead(path);
            stream.Position = 7;
            var buffer = new byte[3];

            FileRange.Of(stream).Slice(20, 30).ReadAt(5, buffer);

            Assert.Equal(new byte[] { 25, 26, 27 }, buffer);
            Assert.Equal(7, stream.Position);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_is_read_through_its_descriptor_and_memory_through_the_stream_adapter()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, s_bytes);
            using var stream = File.OpenRead(path);

            Assert.Equal(("FileHandleSource", 100L), (RandomAccessSource.Of(stream).GetType().Name, RandomAccessSource.Of(stream).Length));
            Assert.Equal(("SeekableStreamSource", 100L), (RandomAccessSource.Of(new MemoryStream(s_bytes)).GetType().Name, RandomAccessSource.Of(new MemoryStream(s_bytes)).Length));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ranges_of_one_memory_stream_read_by_position_in_any_order()
    {
        var file = FileRange.Of(new MemoryStream(s_bytes));
        var first = new byte[2];
        var second = new byte[2];

        file.Slice(60, 10).ReadAt(1, first);
        file.Slice(10, 10).ReadAt(1, second);
        file.Slice(60, 10).ReadAt(3, first.AsSpan(1));

        Assert.Equal([61, 63], first);
        Assert.Equal([11, 12], second);
    }

    [Fact]
    public void The_digest_is_of_the_range_only()
    {
        var range = FileRange.Of(new MemoryStream(s_bytes)).Slice(10, 20);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s_bytes.AsSpan(10, 20))), range.Sha256());
        Assert.Equal(s_bytes[10..30], range.ToArray());
    }
}
