using System.IO.Compression;
using BootPrep.Errors;
using BootPrep.Native;
using BootPrep.Sources;

namespace BootPrep.Layers;

/// <summary>Turns a layer blob into its tar stream: gzip, zstd or plain, told apart by magic bytes and checked against the media type.</summary>
internal static class LayerDecompression
{
    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];

    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xb5, 0x2f, 0xfd];

    /// <summary>The decompressed stream over <paramref name="blob"/>, which stays open for its own verification.</summary>
    public static Stream Open(VerifyingStream blob, string? mediaType, string what)
    {
        var declared = Declared(mediaType, what);
        var magic = blob.Peek(4);
        var actual = magic.StartsWith(GzipMagic) ? Compression.Gzip : magic.StartsWith(ZstdMagic) ? Compression.Zstd : Compression.None;
        if (declared is { } expected && expected != actual)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"media type {mediaType} says {Name(expected)}, but the blob is {Name(actual)}");
        }

        return actual switch
        {
            Compression.Gzip => new DecodedStream(new GZipStream(blob, CompressionMode.Decompress, leaveOpen: true), "gzip", what),
            Compression.Zstd => new DecodedStream(ZstdDecoder.Open(blob), "zstd", what),
            _ => blob,
        };
    }

    private static Compression? Declared(string? mediaType, string what)
    {
        if (mediaType is null)
        {
            return null;
        }

        // OCI: …layer.v1.tar[+gzip|+zstd] (also nondistributable); Docker: …rootfs.diff.tar[.gzip|.zstd] (also foreign).
        if (mediaType.EndsWith(".tar", StringComparison.Ordinal))
        {
            return Compression.None;
        }

        if (mediaType.EndsWith(".tar+gzip", StringComparison.Ordinal) || mediaType.EndsWith(".tar.gzip", StringComparison.Ordinal))
        {
            return Compression.Gzip;
        }

        if (mediaType.EndsWith(".tar+zstd", StringComparison.Ordinal) || mediaType.EndsWith(".tar.zstd", StringComparison.Ordinal))
        {
            return Compression.Zstd;
        }

        throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"unsupported layer media type {mediaType}; layers must be tar, tar+gzip or tar+zstd");
    }

    private static string Name(Compression compression) => compression switch
    {
        Compression.Gzip => "gzip",
        Compression.Zstd => "zstd",
        _ => "uncompressed",
    };

    private enum Compression
    {
        None,
        Gzip,
        Zstd,
    }
}
