using System.Collections.Concurrent;
using BootPrep.Files;
using BootPrep.Layers.Cache;
using BootPrep.Layers.Chunked;
using BootPrep.Native;
using BootPrep.Architectures;
using BootPrep.Errors;
using BootPrep.RootFs;
using BootPrep.Sources;

namespace BootPrep.Layers;

/// <summary>
/// The root of a container image, read from its layers without unpacking them: metadata of every file is kept
/// in memory, small configuration files' content too, and any other file's data is read again from the one
/// layer that holds it when asked for.
/// </summary>
public sealed class MergedImageRoot : IImageRoot
{
    private readonly ContainerImage _image;
    private readonly MergedTree _tree;
    private readonly List<MemoryFile> _captured;
    private readonly ChunkedLayer?[] _chunked;

    private MergedImageRoot(ContainerImage image, MergedTree tree, List<MemoryFile> captured, ChunkedLayer?[] chunked)
    {
        _image = image;
        _tree = tree;
        _captured = captured;
        _chunked = chunked;
    }

    /// <summary>
    /// Reads every layer of <paramref name="image"/> once (several at a time), checking its digests in that same pass,
    /// and merges them in order, keeping the data <paramref name="policy"/> names; the root then owns the image. A
    /// zstd:chunked layer in a registry is read through its table of contents instead, and its files fetched when opened.
    /// With a <paramref name="cache"/>, a layer summarized before is not read at all, and one read now is summarized.
    /// </summary>
    public static MergedImageRoot Build(ContainerImage image, ScanPolicy policy, LayerCache? cache = null)
    {
        var files = image.Files;
        var layers = image.Layers;

        // Scans start as the schedule allows: when one ends and when a layer is merged. Each hands its result to the
        // merge, which takes them in order.
        var spare = new ConcurrentStack<byte[]>();
        var schedule = new ScanSchedule(layers.Select(layer => layer.BlobSize ?? 0).ToArray(), Environment.ProcessorCount);
        var results = layers.Select(_ => new TaskCompletionSource<LayerScan>()).ToArray();
        var running = new List<Task>();
        void StartDue()
        {
            lock (schedule)
            {
                while (schedule.Next() is { } next)
                {
                    running.Add(Task.Run(() => RunScan(next)));
                }
            }
        }

        void RunScan(int index)
        {
            try
            {
                results[index].SetResult(Scan(files, layers[index], policy, spare, cache));
            }
            catch (Exception ex)
            {
                lock (schedule)
                {
                    schedule.Failed(index);
                }

                results[index].SetException(ex);
            }
            finally
            {
                lock (schedule)
                {
                    schedule.Finished();
                }

                StartDue();
            }
        }

        var captured = new List<MemoryFile>();
        try
        {
            StartDue();
            var tree = new MergedTree();
            var chunked = new ChunkedLayer?[layers.Count];
            for (var i = 0; i < layers.Count; i++)
            {
                var scan = results[i].Task.GetAwaiter().GetResult();
                using var entries = scan.Entries;
                chunked[i] = scan.Chunked;
                captured.AddRange(entries.Captured);
                lock (schedule)
                {
                    schedule.Merged(i);
                }

                StartDue();
                if (scan.Read && scan.Chunked is null)
                {
                    cache?.Save(layers[i], policy, entries);
                }

                tree.Apply(i, entries, $"{files.Location}: layer {i + 1}/{layers.Count}");
            }

            return new MergedImageRoot(image, tree, captured, chunked);
        }
        catch
        {
            // Let no scan outlive the image, whatever failed first; what the finished ones captured goes too.
            Task[] started;
            lock (schedule)
            {
                schedule.Stop();
                started = [.. running];
            }

            Task.WaitAll(started);
            foreach (var file in captured.Concat(results.Where(result => result.Task.IsCompletedSuccessfully).SelectMany(result => result.Task.Result.Entries.Captured)).Distinct())
            {
                file.Dispose();
            }

            image.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public CpuArchitecture? Architecture => _image.Architecture;

    // A layer's entries: from the cache, from its table of contents, or read whole (Read: read now, not from the cache).
    private static LayerScan Scan(IImageFiles files, LayerBlob layer, ScanPolicy policy, ConcurrentStack<byte[]> spare, LayerCache? cache) =>
        cache?.Load(layer, policy, spare) is { } summarized ? new LayerScan(summarized, null, Read: false)
        : ChunkedLayer.Scan(files, layer, policy, spare, LayerScanner.Describe(files, layer)) is var (entries, chunked) ? new LayerScan(entries, chunked, Read: true)
        : new LayerScan(LayerScanner.Scan(files, layer, policy, spare), null, Read: true);

    /// <inheritdoc/>
    public FileStatus? Stat(string path) =>
        InRootResolver.Resolve(_tree, path) is { } resolution
            ? new FileStatus(resolution.Kind, resolution.Kind == EntryKind.Regular ? _tree.Record(resolution.Node).Size : 0)
            : null;

    /// <inheritdoc/>
    public IReadOnlyList<DirectoryEntry>? ReadDirectory(string path)
    {
        var resolution = InRootResolver.Resolve(_tree, path);
        if (resolution is null)
        {
            return null;
        }

        if (resolution.Kind != EntryKind.Directory)
        {
            throw new BootPrepException(BootPrepErrorKind.NotADirectory, path, "not a directory");
        }

        return _tree.List(resolution.Node);
    }

    /// <inheritdoc/>
    public BeneathStatus StatBeneath(string path, string? within = null) => BeneathResolver.Stat(_tree, path, within);

    /// <inheritdoc/>
    public Stream OpenRead(string path)
    {
        var resolution = InRootResolver.Resolve(_tree, path)
            ?? throw new BootPrepException(BootPrepErrorKind.NotFound, path, "no such file in the image");
        if (resolution.Kind != EntryKind.Regular)
        {
            throw new BootPrepException(BootPrepErrorKind.NotARegularFile, path, "not a regular file");
        }

        var node = _tree.Record(resolution.Node);
        return _tree.Kept(resolution.Node)?.Open()
            ?? _chunked[node.Layer]?.Open(node.DataOffset)
            ?? LayerScanner.OpenVerified(_image.Files, _image.Layers[node.Layer], node.DataOffset);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var file in _captured)
        {
            file.Dispose();
        }

        _image.Dispose();
    }

    private sealed record LayerScan(LayerEntries Entries, ChunkedLayer? Chunked, bool Read);
}
