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
    private readonly ScanPolicy _policy;
    private readonly LayerCache? _cache;
    private readonly List<MemoryFile> _captured = [];
    private MergedTree _tree = null!;
    private ChunkedLayer?[] _chunked = [];

    /// <summary>How many times the layers were merged: one, unless the pruned tree met a question it could not answer.</summary>
    internal int Merges { get; private set; }

    private MergedImageRoot(ContainerImage image, ScanPolicy policy, LayerCache? cache)
    {
        _image = image;
        _policy = policy;
        _cache = cache;
    }

    /// <summary>
    /// Reads every layer of <paramref name="image"/> once (several at a time), checking its digests in that same pass,
    /// and merges them in order, keeping the data <paramref name="policy"/> names; the root then owns the image. A
    /// zstd:chunked layer in a registry is read through its table of contents instead, and its files fetched when opened.
    /// With a <paramref name="cache"/>, a layer summarized before is not read at all, and one read now is summarized.
    /// </summary>
    /// <remarks>
    /// The tree keeps only what <paramref name="policy"/>'s questions need (<see cref="MergedTree"/>); the first question
    /// it cannot answer (a link leading where files were dropped, say) merges the layers again, keeping everything.
    /// </remarks>
    public static MergedImageRoot Build(ContainerImage image, ScanPolicy policy, LayerCache? cache = null)
    {
        var root = new MergedImageRoot(image, policy, cache);
        try
        {
            try
            {
                root.Merge(new MergedTree(policy));
            }
            catch (PrunedTreeException)
            {
                // Nothing refers to what the first merge captured: its tree is gone.
                root.CloseCaptured();
                root.Merge(new MergedTree());
            }

            return root;
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    private void Merge(MergedTree tree)
    {
        Merges++;
        var files = _image.Files;
        var layers = _image.Layers;

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
                results[index].SetResult(Scan(files, layers[index], _policy, spare, _cache));
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

        try
        {
            StartDue();
            var chunked = new ChunkedLayer?[layers.Count];
            for (var i = 0; i < layers.Count; i++)
            {
                var scan = results[i].Task.GetAwaiter().GetResult();
                using var entries = scan.Entries;
                chunked[i] = scan.Chunked;
                _captured.AddRange(entries.Captured);
                lock (schedule)
                {
                    schedule.Merged(i);
                }

                StartDue();
                if (scan.Read && scan.Chunked is null)
                {
                    _cache?.Save(layers[i], _policy, entries);
                }

                tree.Apply(i, entries, $"{files.Location}: layer {i + 1}/{layers.Count}");
            }

            (_tree, _chunked) = (tree, chunked);
        }
        catch
        {
            // Let no scan outlive the merge, whatever failed first; what a scan captured is the root's to close.
            Task[] started;
            lock (schedule)
            {
                schedule.Stop();
                started = [.. running];
            }

            Task.WaitAll(started);
            foreach (var file in results.Where(result => result.Task.IsCompletedSuccessfully).SelectMany(result => result.Task.Result.Entries.Captured).Except(_captured))
            {
                file.Dispose();
            }

            throw;
        }
    }

    /// <summary>Asks <paramref name="question"/> of the tree; when the pruned tree cannot answer, merges whole and asks again.</summary>
    private T Answer<T>(Func<MergedTree, T> question)
    {
        try
        {
            return question(_tree);
        }
        catch (PrunedTreeException)
        {
            Merge(new MergedTree());
            return question(_tree);
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
    public FileStatus? Stat(ImagePath path) => Answer<FileStatus?>(tree =>
        InRootResolver.Resolve(tree, path) is { } resolution
            ? new FileStatus(resolution.Kind, resolution.Kind == EntryKind.Regular ? tree.Record(resolution.Node).Size : 0)
            : null);

    /// <inheritdoc/>
    public IReadOnlyList<DirectoryEntry>? ReadDirectory(ImagePath path) => Answer<IReadOnlyList<DirectoryEntry>?>(tree =>
    {
        var resolution = InRootResolver.Resolve(tree, path);
        if (resolution is null)
        {
            return null;
        }

        if (resolution.Kind != EntryKind.Directory)
        {
            throw new BootPrepException(BootPrepErrorKind.NotADirectory, path.ToString(), "not a directory");
        }

        return tree.List(resolution.Node);
    });

    /// <inheritdoc/>
    public BeneathStatus StatBeneath(ImagePath path, ImagePath? within = null) => Answer(tree => BeneathResolver.Stat(tree, path, within));

    /// <inheritdoc/>
    public Stream OpenRead(ImagePath path)
    {
        var (resolution, tree) = Answer(tree => (InRootResolver.Resolve(tree, path), tree));
        if (resolution is null)
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, path.ToString(), "no such file in the image");
        }

        if (resolution.Kind != EntryKind.Regular)
        {
            throw new BootPrepException(BootPrepErrorKind.NotARegularFile, path.ToString(), "not a regular file");
        }

        var node = tree.Record(resolution.Node);
        return tree.Kept(resolution.Node)?.Open()
            ?? _chunked[node.Layer]?.Open(node.DataOffset)
            ?? LayerScanner.OpenVerified(_image.Files, _image.Layers[node.Layer], node.DataOffset);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        CloseCaptured();
        _image.Dispose();
    }

    private void CloseCaptured()
    {
        foreach (var file in _captured)
        {
            file.Dispose();
        }

        _captured.Clear();
    }

    private sealed record LayerScan(LayerEntries Entries, ChunkedLayer? Chunked, bool Read);
}
