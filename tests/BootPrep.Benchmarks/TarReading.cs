using System.Formats.Tar;
using BenchmarkDotNet.Attributes;
using BootPrep.Tar;

namespace BootPrep.Benchmarks;

/// <summary>
/// BootPrep's bounded tar reader against the BCL's <see cref="TarReader"/> (the baseline) over the same in-memory
/// layer: 20,000 entries in nested directories, the shape of a kernel modules tree.
/// </summary>
[MemoryDiagnoser]
public class TarReading
{
    private byte[] _tar = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            for (var i = 0; i < 20_000; i++)
            {
                var data = new byte[random.Next(0, 8192)];
                random.NextBytes(data);
                writer.WriteEntry(new PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, $"usr/lib/modules/6.1.0/kernel/drivers/d{i % 97}/m{i}.ko") { DataStream = new MemoryStream(data) });
            }
        }

        _tar = stream.ToArray();
    }

    [Benchmark(Baseline = true)]
    public long BclTarReader()
    {
        using var reader = new TarReader(new MemoryStream(_tar));
        long total = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            total += entry.Length;
        }

        return total;
    }

    [Benchmark]
    public long SafeTarReader()
    {
        var reader = new SafeTarReader(new MemoryStream(_tar), "benchmark");
        long total = 0;
        while (reader.Next() is { } header)
        {
            total += header.Size;
        }

        return total;
    }
}
