using System.IO.Compression;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.KernelImages;
using ZstdSharp;

namespace BootPrep.Kexec;

/// <summary>
/// Undoes the compression of an arm64 kernel the kernel's kexec loader cannot take: an EFI zboot payload, or a
/// vmlinuz that is a bare gzip or zstd stream (the loader takes only an uncompressed Image).
/// </summary>
internal static class KernelDecompression
{
    /// <summary>True when <paramref name="image"/> is compressed in a way BootPrep can undo.</summary>
    public static bool CanDecompress(KernelImage image) =>
        Method(image) is "gzip" or "zstd";

    /// <summary>Opens the decompressed kernel of <paramref name="file"/>, described by <paramref name="image"/>.</summary>
    public static Stream Open(KernelImage image, FileRange file, string path)
    {
        var payload = image.Zboot is { } zboot ? file.Slice(zboot.PayloadOffset, zboot.PayloadSize) : file;
        var compressed = new MemoryStream(payload.ToArray(), writable: false);
        return Method(image) switch
        {
            "gzip" => new GZipStream(compressed, CompressionMode.Decompress),
            "zstd" => new DecompressionStream(compressed),
            var other => throw new BootPrepException(BootPrepErrorKind.Unsupported, path, $"the kernel is {other}-compressed; BootPrep undoes gzip and zstd: decompress it first"),
        };
    }

    private static string Method(KernelImage image) => image.Zboot?.Compression ?? image.Format;
}
