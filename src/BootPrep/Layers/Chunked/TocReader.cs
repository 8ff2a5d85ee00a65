using System.IO.Compression;
using System.Security.Cryptography;
using BootPrep.Errors;
using BootPrep.Native;
using BootPrep.Sources;
using BootPrep.Tar;

namespace BootPrep.Layers.Chunked;

/// <summary>
/// Fetches a layer's table of contents alone (a range of the blob; for eStargz the footer first, which says where the
/// table starts), checks it against the digest the manifest states, decompresses and parses it.
/// </summary>
internal static class TocReader
{
    /// <summary>
    /// The largest table read: about 400,000 entries, several times the files of a whole bootc image. containers/storage
    /// stops at 50 MiB compressed (pkg/chunked: maxTocSize) before decompressing.
    /// </summary>
    public const long MaxUncompressedLength = 128L * 1024 * 1024;

    /// <summary>The name of the one file in an eStargz table's tar (estargz.go: TOCTarName).</summary>
    private static ReadOnlySpan<byte> EstargzTocName => "stargz.index.json"u8;

    /// <summary>
    /// The table's entries and where the table starts in the blob, or null when the layer is to be read whole:
    /// <paramref name="files"/> cannot be read in parts, or the table shares compressed streams between entries.
    /// </summary>
    public static (List<TocEntry> Entries, long Offset)? Read(IImageFiles files, LayerBlob layer, TocLocation toc, string what)
    {
        var read = toc switch
        {
            ZstdChunkedToc chunked => ReadZstdChunked(files, layer, chunked, what),
            EstargzToc estargz => ReadEstargz(files, layer, estargz, what),
            _ => null,
        };
        return read is var (entries, _) && entries.Exists(entry => entry.InnerOffset != 0) ? null : read;
    }

    private static (List<TocEntry>, long)? ReadZstdChunked(IImageFiles files, LayerBlob layer, ZstdChunkedToc toc, string what)
    {
        if (toc.UncompressedLength > MaxUncompressedLength || toc.Length > MaxUncompressedLength)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"its table of contents is {toc.UncompressedLength} bytes; at most {MaxUncompressedLength} are read");
        }

        if (Fetch(files, layer, toc.Offset, toc.Length, $"{what} (table of contents)") is not { } compressed)
        {
            return null;
        }

        Check(toc, compressed, ZstdChunkedToc.ChecksumAnnotation, what);
        using var json = new DecodedStream(ZstdDecoder.Open(new MemoryStream(compressed, writable: false)), "zstd", $"{what} (table of contents)");
        return (TableOfContents.Parse(ChunkReads.ReadExactly(json, (int)toc.UncompressedLength, $"{what} (table of contents)"), what), toc.Offset);
    }

    private static (List<TocEntry>, long)? ReadEstargz(IImageFiles files, LayerBlob layer, EstargzToc toc, string what)
    {
        var where = $"{what} (table of contents)";
        if (layer.BlobSize is not { } size || size <= EstargzFooter.Size)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"its blob is {layer.BlobSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "of unknown size"} bytes, too short for the eStargz footer {EstargzToc.DigestAnnotation} implies");
        }

        var footerOffset = size - EstargzFooter.Size;
        if (Fetch(files, layer, footerOffset, EstargzFooter.Size, $"{what} (eStargz footer)") is not { } footer)
        {
            return null;
        }

        var offset = EstargzFooter.TocOffset(footer, what);
        if (offset >= footerOffset || footerOffset - offset > MaxUncompressedLength)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{what} (eStargz footer)", $"the table of contents at {offset} is not a range of at most {MaxUncompressedLength} bytes before the footer at {footerOffset}");
        }

        if (Fetch(files, layer, offset, footerOffset - offset, where) is not { } compressed)
        {
            return null;
        }

        using var gzip = new DecodedStream(new GZipStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress), "gzip", where);
        var tar = new SafeTarReader(gzip, where);
        var header = tar.Next();
        if (header is not { Type: TarEntryType.Regular } || !header.Name.AsSpan().SequenceEqual(EstargzTocName) || header.Size > MaxUncompressedLength)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, where, $"its tar does not start with stargz.index.json of at most {MaxUncompressedLength} bytes");
        }

        var json = new byte[header.Size];
        for (var filled = 0; filled < json.Length;)
        {
            filled += tar.ReadData(json.AsSpan(filled));
        }

        Check(toc, json, EstargzToc.DigestAnnotation, what);
        return (EstargzEntries.Complete(TableOfContents.Parse(json, what), offset), offset);
    }

    private static byte[]? Fetch(IImageFiles files, LayerBlob layer, long offset, long length, string what)
    {
        using var range = files.OpenRange(layer.Path, offset, length);
        return range is null ? null : ChunkReads.ReadExactly(range, (int)length, what);
    }

    private static void Check(TocLocation toc, byte[] table, string annotation, string what)
    {
        var actual = new Digest(toc.Checksum.Algorithm, Convert.ToHexStringLower(toc.Checksum.Algorithm == "sha512" ? SHA512.HashData(table) : SHA256.HashData(table)));
        if (actual != toc.Checksum)
        {
            throw new BootPrepException(BootPrepErrorKind.DigestMismatch, $"{what} (table of contents)", $"its {actual.Algorithm} is {actual}, not {toc.Checksum} as {annotation} says");
        }
    }
}
