namespace BootPrep.Layers;

/// <summary>
/// Which layer to scan next, so that the cores stay busy and the layers waiting for their merge stay few. At most one
/// scan runs per core. A layer may start when it is among the next layers to merge, one per core, as before; or when
/// the layers between the merge and it, in compressed bytes, are no more than the other cores scan while it runs (its
/// own size for each other core): a large layer late in the image starts early instead of alone at the end, and a
/// layer finished early waits about as long as it took to scan. Of the layers that may start, the largest goes first.
/// Not thread-safe: its user holds a lock.
/// </summary>
internal sealed class ScanSchedule
{
    private readonly IReadOnlyList<long> _sizes;
    private readonly int _cores;
    private readonly bool[] _started;
    private int _running;
    private int _merged;
    private int _end;

    /// <summary>A schedule for layers of the given compressed <paramref name="sizes"/>, in merge order, on <paramref name="cores"/> cores.</summary>
    public ScanSchedule(IReadOnlyList<long> sizes, int cores)
    {
        _sizes = sizes;
        _cores = Math.Max(1, cores);
        _started = new bool[sizes.Count];
        _end = sizes.Count;
    }

    /// <summary>The layer to start scanning now, counted as running, or null when none may start.</summary>
    public int? Next()
    {
        if (_running >= _cores)
        {
            return null;
        }

        int? chosen = null;
        long between = 0;
        for (var layer = _merged; layer < _end; between += _sizes[layer], layer++)
        {
            var due = layer < _merged + _cores || between <= (_cores - 1) * _sizes[layer];
            if (!_started[layer] && due && (chosen is not { } best || _sizes[layer] > _sizes[best]))
            {
                chosen = layer;
            }
        }

        if (chosen is { } next)
        {
            _started[next] = true;
            _running++;
        }

        return chosen;
    }

    /// <summary>Counts the scan of a layer as ended, whether it succeeded or not.</summary>
    public void Finished() => _running--;

    /// <summary>Moves the merge past <paramref name="layer"/>, the next in order.</summary>
    public void Merged(int layer) => _merged = layer + 1;

    /// <summary>
    /// Starts no layer after <paramref name="layer"/>, whose scan failed: its error is what the merge reports, unless
    /// an earlier layer fails first, and later layers change neither.
    /// </summary>
    public void Failed(int layer) => _end = Math.Min(_end, layer + 1);

    /// <summary>Starts no layer any more.</summary>
    public void Stop() => _end = 0;
}
