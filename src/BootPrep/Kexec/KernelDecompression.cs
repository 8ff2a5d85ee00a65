using System.Buffers.Binary;
using System.IO.Compression;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.KernelImages;
using SharpCompress.Compressors.LZMA;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace BootPrep.Kexec;

/// <summary>
/// Undoes the compression of an arm64 kernel the kernel's kexec loader cannot take: an EFI zboot payload, or a
/// vmlinuz that is a bare gzip, zstd, lzma or xz stream (the loader takes only an uncompressed Image).
/// </summary>
internal static class KernelDecompression
{
    // The legacy .lzma header: 5 bytes of properties, then the uncompressed size (all ones when unknown).
    private const int LzmaPropertiesLength = 5;
    private const int LzmaHeaderLength = LzmaPropertiesLength + 8;

    /// <summary>True when <paramref name="image"/> is compressed in a way BootPrep can undo.</summary>
    public static bool CanDecompress(KernelImage image) =>
        Method(image) is "gzip" or "zstd" or "lzma" or "xz";

    /// <summary>The compression of a zboot payload or of a compressed kernel; null for any other image.</summary>
    public static string? Method(KernelImage image) => image switch
    {
        KernelImage.Zboot { Header.Compression: var compression } => compression,
        KernelImage.Compressed { Compression: var compression } => compression,
        _ => null,
    };

    /// <summary>
    /// Writes the decompressed kernel of <paramref name="file"/>, described by <paramref name="image"/>, to
    /// <paramref name="destination"/>; a payload that does not decompress is an invalid kernel named by <paramref name="path"/>.
    /// </summary>
    public static void CopyTo(KernelImage image, FileRange file, string path, Stream destination)
    {
        using var stream = Open(image, file, path);
        try
        {
            stream.CopyTo(destination);
        }
        catch (Exception ex) when (ex is not (BootPrepException or IOException or OutOfMemoryException))
        {
            // Each decoder has its own exception for corrupt input (InvalidDataException, ZstdException, SharpCompress's).
            throw new BootPrepException(BootPrepErrorKind.InvalidKernel, path, $"the {Method(image)} payload does not decompress: {ex.Message}");
        }
    }

    private static Stream Open(KernelImage image, FileRange file, string path)
    {
        var payload = image is KernelImage.Zboot { Header: var zboot } ? file.Slice(zboot.PayloadOffset, zboot.PayloadSize) : file;
        var compressed = new MemoryStream(payload.ToArray(), writable: false);
        return Method(image) switch
        {
            "gzip" => new GZipStream(compressed, CompressionMode.Decompress),
            "zstd" => new DecompressionStream(compressed),
            "xz" => new XZStream(compressed),
            "lzma" => Lzma(compressed, path),
            var other => throw new BootPrepException(BootPrepErrorKind.Unsupported, path, $"the kernel is {other}-compressed; BootPrep undoes gzip, zstd, lzma and xz: decompress it first"),
        };
    }

    private static LzmaStream Lzma(MemoryStream compressed, string path)
    {
        Span<byte> header = stackalloc byte[LzmaHeaderLength];
        if (compressed.Read(header) != LzmaHeaderLength)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidKernel, path, "the lzma payload is shorter than its header");
        }

        var size = BinaryPrimitives.ReadInt64LittleEndian(header[LzmaPropertiesLength..]);
        return LzmaStream.Create(header[..LzmaPropertiesLength].ToArray(), compressed, compressed.Length - LzmaHeaderLength, size, leaveOpen: false);
    }
}
