using BootPrep.KernelImages;

namespace BootPrep.Tests.KernelImages;

public sealed class CompressionTests
{
    [Theory]
    [InlineData("1f8b0800", "gzip")]
    [InlineData("28b52ffd", "zstd")]
    [InlineData("fd377a585a00", "xz")]
    [InlineData("04224d18", "lz4")]
    [InlineData("02214c18", "lz4")]
    [InlineData("425a6839", "bzip2")]
    [InlineData("5d000080", "lzma")]
    [InlineData("894c5a4f", "lzo")]
    [InlineData("303730373031", "none")]
    [InlineData("303730373032", "none")]
    [InlineData("303730373037", "none")]
    public void Names_each_magic(string hex, string expected)
    {
        Assert.Equal(expected, Compression.Detect(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1f")]
    [InlineData("303730373039")]
    [InlineData("4d5a")]
    public void Returns_null_for_anything_else(string hex)
    {
        Assert.Null(Compression.Detect(Convert.FromHexString(hex)));
    }
}
