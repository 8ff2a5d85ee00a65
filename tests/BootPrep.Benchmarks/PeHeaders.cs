using BenchmarkDotNet.Attributes;
using BootPrep.Binary;

namespace BootPrep.Benchmarks;

/// <summary>
/// BootPrep's PE header reader against the BCL's <see cref="System.Reflection.PortableExecutable.PEHeaders"/> (the baseline) over the same file in memory:
/// Debian's signed kernel from the kernel fixture (/var/tmp/bootprep-debian/vmlinuz, built by fixtures/debian/build.sh),
/// a PE/COFF image with a certificate table, as inspect and stage meet it.
/// </summary>
[MemoryDiagnoser]
public class PeHeaders
{
    private const string Kernel = "/var/tmp/bootprep-debian/vmlinuz";

    private byte[] _image = [];

    [GlobalSetup]
    public void Setup() => _image = File.Exists(Kernel)
        ? File.ReadAllBytes(Kernel)
        : throw new InvalidOperationException($"{Kernel} is missing; fixtures/debian/build.sh makes it");

    [Benchmark(Baseline = true)]
    public int BclPeHeaders() => new System.Reflection.PortableExecutable.PEHeaders(new MemoryStream(_image, writable: false)).SectionHeaders.Length;

    [Benchmark]
    public int PeImage() => Pe.PeImage.Read(FileRange.Of(new MemoryStream(_image, writable: false))).Sections.Count;
}
