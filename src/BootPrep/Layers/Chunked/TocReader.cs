using System.Security.Cryptography;
using BootPrep.Errors;
using BootPrep.Native;
using BootPrep.Sources;

namespace BootPrep.Layers.Chunked;

/// <summary>
/// Fetches a zstd:chunked layer's table of contents alone (one range of the blob), checks its compressed bytes against
/// the checksum the manifest states, decompresses and parses it.
/// </summary>
internal static class TocReader
{
    /// <summary>
    /// The largest table read: about 400,000 entries, several times the files of a whole bootc image. containers/storage
    /// stops at 50 MiB compressed (pkg/chunked: maxTocSize) before decompressing.
    /// </summary>
    public const long MaxUncompressedLength = 128L * 1024 * 1024;

    /// <summary>The table's entries, or null when <paramref name="files"/> cannot be read in parts.</summary>
    public static List<TocEntry>? Read(IImageFiles files, LayerBlob layer, TocLocation toc, string what)
    {
        if (toc.UncompressedLength > MaxUncompressedLength || toc.Length > MaxUncompressedLength)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"its table of contents is {toc.UncompressedLength} bytes; at most {MaxUncompressedLength} are read");
        }

        using var range = files.OpenRange(layer.Path, toc.Offset, toc.Length);
        if (range is null)
        {
            return null;
        }

        var compressed = ChunkReads.ReadExactly(range, (int)toc.Length, $"{what} (table of contents)");
        var actual = new Digest(toc.Checksum.Algorithm, Convert.ToHexStringLower(toc.Checksum.Algorithm == "sha512" ? SHA512.HashData(compressed) : SHA256.HashData(compressed)));
        if (actual != toc.Checksum)
        {
            throw new BootPrepException(BootPrepErrorKind.DigestMismatch, $"{what} (table of contents)", $"its {actual.Algorithm} is {actual}, not {toc.Checksum} as {TocLocation.ChecksumAnnotation} says");
        }

        using var json = new DecodedStream(ZstdDecoder.Open(new MemoryStream(compressed, writable: false)), "zstd", $"{what} (table of contents)");
        return TableOfContents.Parse(ChunkReads.ReadExactly(json, (int)toc.UncompressedLength, $"{what} (table of contents)"), what);
    }
}
