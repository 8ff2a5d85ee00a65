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

    private static string Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
