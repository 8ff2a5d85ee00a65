using System.Collections.Concurrent;
using System.Text;
using BenchmarkDotNet.Attributes;
using BootPrep.Layers;
using BootPrep.Tar;

namespace BootPrep.Benchmarks;

/// <summary>
/// The merge's hot path without decompression or digests: packing a layer's entries as its scan does
/// (<see cref="LayerEntries"/>), and inserting four such layers into a <see cref="MergedTree"/>, for 150,000 empty
/// files, 500 to a directory, named as tests/BootPrep.Benchmarks/entries-image.py names them.
/// </summary>
[MemoryDiagnoser]
public class MergedTreeInsert
{
    private const int Entries = 150_000;
    private const int Layers = 4;

    private readonly ConcurrentStack<byte[]> _spare = new();
    private TarHeader[][] _headers = [];
    private LayerEntries[] _layers = [];

    [GlobalSetup]
    public void Setup()
    {
        _headers = [.. Enumerable.Range(0, Layers).Select(layer => Enumerable.Range(0, Entries / Layers)
            .Select(i => new TarHeader(Encoding.UTF8.GetBytes($"usr/share/p{layer}/d{i / 500}/file-with-a-longish-name-{i}.txt"), [], TarEntryType.Regular, 0, 420, 0, 0, 0, 0, 0, 512L * ((2L * i) + 1)))
            .ToArray())];
        _layers = [.. _headers.Select(Pack)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var layer in _layers)
        {
            layer.Dispose();
        }
    }

    [Benchmark]
    public void PackOneLayer()
    {
        using var entries = Pack(_headers[0]);
    }

    [Benchmark]
    public object InsertAllLayers()
    {
        var tree = new MergedTree();
        for (var i = 0; i < _layers.Length; i++)
        {
            tree.Apply(i, _layers[i], "benchmark");
        }

        return tree;
    }

    private LayerEntries Pack(TarHeader[] headers)
    {
        var entries = new LayerEntries(_spare);
        foreach (var header in headers)
        {
            entries.Add(header, null);
        }

        return entries;
    }
}
