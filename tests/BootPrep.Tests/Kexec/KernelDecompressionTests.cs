using System.IO.Compression;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.KernelImages;
using BootPrep.Kexec;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Kexec;

public sealed class KernelDecompressionTests
{
    private static readonly byte[] s_kernel = KernelBytes.Arm64Image();

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("xz")]
    [InlineData("lzma")]
    public void A_zboot_payload_decompresses_to_the_kernel(string compression)
    {
        var image = KernelBytes.Zboot(compression, Compress(s_kernel, compression));

        Assert.Equal(s_kernel, Decompress(image));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public void A_bare_compressed_kernel_decompresses_to_the_kernel(string compression)
    {
        Assert.Equal(s_kernel, Decompress(Compress(s_kernel, compression)));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("xz")]
    public void A_corrupt_payload_is_an_invalid_kernel_naming_the_file(string compression)
    {
        var payload = Compress(s_kernel, compression);
        payload.AsSpan(2, payload.Length / 2).Fill(0xa5);
        var bytes = KernelBytes.Zboot(compression, payload);

        var error = Assert.Throws<BootPrepException>(() => KernelDecompression.CopyTo(Describe(bytes), FileRange.Of(new MemoryStream(bytes)), "vmlinuz", Stream.Null));

        Assert.Equal((BootPrepErrorKind.InvalidKernel, "vmlinuz"), (error.Kind, error.Path));
        Assert.StartsWith($"the {compression} payload does not decompress: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_compressions_are_not_undone()
    {
        var image = Describe(KernelBytes.Zboot("lz4"));

        Assert.False(KernelDecompression.CanDecompress(image));
    }

    private static byte[] Decompress(byte[] bytes)
    {
        var file = FileRange.Of(new MemoryStream(bytes));
        var image = Describe(bytes);
        Assert.True(KernelDecompression.CanDecompress(image));
        using var result = new MemoryStream();
        KernelDecompression.CopyTo(image, file, "vmlinuz", result);
        return result.ToArray();
    }

    private static KernelImage Describe(byte[] bytes) => KernelImageReader.Describe(FileRange.Of(new MemoryStream(bytes)), []);

    private static byte[] Compress(byte[] data, string compression)
    {
        switch (compression)
        {
            case "gzip":
                using (var output = new MemoryStream())
                {
                    using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        gzip.Write(data);
                    }

                    return output.ToArray();
                }

            case "zstd":
                return new ZstdSharp.Compressor().Wrap(data).ToArray();
            default:
                using (var tree = new TestTree())
                {
                    var path = Path.Combine(tree.Root, "kernel");
                    File.WriteAllBytes(path, data);
                    ExternalTool.Run("xz", $"--format={(compression == "lzma" ? "lzma" : "xz")}", "--check=crc32", path);
                    return File.ReadAllBytes(path + (compression == "lzma" ? ".lzma" : ".xz"));
                }
        }
    }
}
