using System.Collections.Concurrent;
using BootPrep.Errors;
using BootPrep.Sources;
using BootPrep.Tar;

namespace BootPrep.Layers.Chunked;

/// <summary>
/// A zstd:chunked or eStargz layer read through its table of contents instead of whole (containers/storage's partial
/// pull, stargz-snapshotter's lazy pull): the
/// entries come from the table, checked against the manifest; small files the scan policy keeps are fetched at once,
/// and any other file's chunks when it is opened, each checked against the table. The layer's diff_id cannot be checked
/// without reading it all; the table, which the manifest's digest covers, stands in for it.
/// </summary>
internal sealed class ChunkedLayer
{
    private readonly IImageFiles _files;
    private readonly LayerBlob _layer;
    private readonly TocLocation _toc;
    private readonly long _tocOffset;
    private readonly ChunkCompression _compression;
    private readonly string _what;
    private readonly Dictionary<long, ChunkedFile> _kept;

    private ChunkedLayer(IImageFiles files, LayerBlob layer, TocLocation toc, long tocOffset, string what, Dictionary<long, ChunkedFile> kept)
    {
        _files = files;
        _layer = layer;
        _toc = toc;
        _tocOffset = tocOffset;
        _compression = toc is EstargzToc ? ChunkCompression.Gzip : ChunkCompression.Zstd;
        _what = what;
        _kept = kept;
    }

    /// <summary>
    /// The layer's entries from its table of contents and the layer to open its files from, or null when it is to be read
    /// whole: it has no table, or the files cannot be read in parts.
    /// A regular file's data offset is where its data starts in the blob.
    /// </summary>
    public static (LayerEntries Entries, ChunkedLayer Layer)? Scan(IImageFiles files, LayerBlob layer, ScanPolicy policy, ConcurrentStack<byte[]> spare, string what)
    {
        if (layer.Toc is not { } toc || TocReader.Read(files, layer, toc, what) is not var (tocEntries, tocOffset))
        {
            return null;
        }

        var chunked = new ChunkedLayer(files, layer, toc, tocOffset, what, []);
        var entries = new LayerEntries(spare);
        var components = new List<Range>();
        try
        {
            chunked.Add(entries, tocEntries, policy, components);
            return (entries, chunked);
        }
        catch
        {
            entries.Dispose();
            throw;
        }
    }

    /// <summary>The regular file whose data starts at <paramref name="dataOffset"/> of the blob, fetched as it is read.</summary>
    public Stream Open(long dataOffset)
    {
        ChunkedFile? file;
        lock (_kept)
        {
            _kept.TryGetValue(dataOffset, out file);
        }

        if (file is null)
        {
            // A file the scan did not note: its chunks come from the table again, and are noted for the next open.
            var (entries, _) = TocReader.Read(_files, _layer, _toc, _what)
                ?? throw new BootPrepException(BootPrepErrorKind.InvalidImage, _what, "the registry no longer answers range requests for this layer");
            var index = entries.FindIndex(entry => entry.Type == TarEntryType.Regular && entry.Size > 0 && entry.Offset == dataOffset);
            file = index >= 0 ? ChunkedFile.From(entries, index, _tocOffset, _what)
                : throw new BootPrepException(BootPrepErrorKind.InvalidImage, _what, $"no file at blob offset {dataOffset}; the layer changed since it was read");
            lock (_kept)
            {
                _kept.TryAdd(dataOffset, file);
            }
        }

        return new ChunkedFileStream(_files, _layer.Path, file, _compression, _what);
    }

    /// <summary>Adds the table's entries, fetching the small files the policy keeps and noting the files it captures.</summary>
    private void Add(LayerEntries entries, List<TocEntry> tocEntries, ScanPolicy policy, List<Range> components)
    {
        for (var i = 0; i < tocEntries.Count; i++)
        {
            var entry = tocEntries[i];
            if (entry.Type is not { } type)
            {
                continue;
            }

            if (type != TarEntryType.Regular)
            {
                entries.Add(entry.Name, entry.LinkName, type, 0, 0, null);
                continue;
            }

            LayerScanner.CleanName(entry.Name, components, _what);
            KeptData? kept = null;
            if (entry.Size == 0)
            {
                kept = KeptData.Inline.Empty;
            }
            else if (entry.Size <= LayerScanner.MaxKeptContent && policy.KeepsSmall(entry.Name, components))
            {
                using var stream = new ChunkedFileStream(_files, _layer.Path, ChunkedFile.From(tocEntries, i, _tocOffset, _what), _compression, _what);
                kept = new KeptData.Inline(ChunkReads.ReadExactly(stream, (int)entry.Size, $"{_what}: {System.Text.Encoding.UTF8.GetString(entry.Name)}"));
            }
            else if (policy.Captures(entry.Name, components))
            {
                _kept.TryAdd(entry.Offset, ChunkedFile.From(tocEntries, i, _tocOffset, _what));
            }

            entries.Add(entry.Name, [], TarEntryType.Regular, entry.Size, entry.Offset, kept);
        }
    }
}
