using BootPrep.Tar;
using BootPrep.Sources;

namespace BootPrep.Layers;

/// <summary>
/// Reads one layer in a single pass: decompresses it, lists its entries, keeps the content of the small files
/// asked for, and checks the blob's digest and size and the tar's diff_id at the end of that same pass.
/// </summary>
internal static class LayerScanner
{
    /// <summary>The largest file whose content a scan keeps in memory.</summary>
    public const int MaxKeptContent = 64 * 1024;

    /// <summary>Scans <paramref name="layer"/>; <paramref name="keepContent"/> says which small files to keep.</summary>
    public static List<LayerEntry> Scan(IImageFiles files, LayerBlob layer, Func<byte[][], bool> keepContent)
    {
        var entries = new List<LayerEntry>();
        Read(files, layer, (header, reader) =>
        {
            var components = LayerPaths.Clean(header.Name);
            byte[]? content = null;
            if (header.Type == TarEntryType.Regular && header.Size <= MaxKeptContent && keepContent(components))
            {
                content = new byte[header.Size];
                for (var read = 0; read < content.Length;)
                {
                    read += reader.ReadData(content.AsSpan(read));
                }
            }

            entries.Add(new LayerEntry(components, header, content));
        });
        return entries;
    }

    /// <summary>
    /// Reads <paramref name="layer"/> once, calling <paramref name="onEntry"/> for each entry (which may read its
    /// data from the reader), then checks the blob's digest and size and the tar's diff_id.
    /// </summary>
    public static void Read(IImageFiles files, LayerBlob layer, Action<TarHeader, SafeTarReader> onEntry)
    {
        var what = Describe(files, layer);
        using var blob = new VerifyingStream(files.Open(layer.Path), layer.BlobDigest, layer.BlobSize, what);
        using var decompressed = LayerDecompression.Open(blob, layer.MediaType, what);
        using var tar = new VerifyingStream(decompressed, layer.DiffId, null, $"{what} (uncompressed, diff_id)");
        var reader = new SafeTarReader(tar, what);
        while (reader.Next() is { } header)
        {
            onEntry(header, reader);
        }

        tar.Verify();
        blob.Verify();
    }

    /// <summary>Opens the data of the regular file whose data starts at <paramref name="dataOffset"/> in the layer's tar.</summary>
    public static Stream OpenFile(IImageFiles files, LayerBlob layer, long dataOffset, long size)
    {
        var what = Describe(files, layer);
        var blob = new VerifyingStream(files.Open(layer.Path), null, null, what);
        var decompressed = LayerDecompression.Open(blob, layer.MediaType, what);
        var reader = new SafeTarReader(decompressed, what);
        while (reader.Next() is { } header)
        {
            if (header.DataOffset == dataOffset && header.Type == TarEntryType.Regular)
            {
                return new TarEntryStream(reader, size, decompressed, blob);
            }
        }

        decompressed.Dispose();
        blob.Dispose();
        throw new Errors.BootPrepException(Errors.BootPrepErrorKind.InvalidImage, what, $"no file at offset {dataOffset}; the layer changed since it was read");
    }

    private static string Describe(IImageFiles files, LayerBlob layer) => $"{files.Location}: layer {layer.BlobDigest?.ToString() ?? layer.Path}";
}
