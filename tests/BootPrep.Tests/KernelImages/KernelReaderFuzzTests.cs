using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.KernelImages;
using BootPrep.Tests.Support;
using BootPrep.Uki;

namespace BootPrep.Tests.KernelImages;

/// <summary>
/// Seeded mutation of real and synthetic kernels: the PE, UKI, signature, bzImage, arm64 and zboot readers must
/// raise nothing but <see cref="KernelFormatException"/> and allocate no more than a few times the input.
/// BOOTPREP_FUZZ_ITERATIONS sets the count (CI runs the default).
/// </summary>
public sealed class KernelReaderFuzzTests
{
    private const long AllocationSlack = 1 << 20;

    [Fact]
    public void Mutated_kernels_raise_only_format_errors_and_allocate_within_bounds()
    {
        var seeds = Seeds();
        var random = new Random(20261125);
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("BOOTPREP_FUZZ_ITERATIONS"), out var n) ? n : 3000;
        for (var i = 0; i < iterations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Length)], random);
            var before = GC.GetAllocatedBytesForCurrentThread();
            ReadEverything(input);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= (4L * input.Length) + AllocationSlack, $"iteration {i}: {allocated} bytes allocated for a {input.Length}-byte input");
        }
    }

    private static void ReadEverything(byte[] input)
    {
        var file = FileRange.Of(new MemoryStream(input, writable: false));
        var errors = new List<Diagnostic>();
        KernelImageReader.Describe(file, errors);
        UkiReader.ReadAddon(ImagePath.Parse("fuzz.addon.efi"), file);
        try
        {
            var (_, linux, _) = UkiReader.Read(UkiImage.Read(file), errors, []);
            if (linux is { } kernel)
            {
                KernelImageReader.Describe(kernel, errors);
            }
        }
        catch (KernelFormatException)
        {
            // The one error type the readers may raise for bad input.
        }
    }

    private static byte[][] Seeds() =>
    [
        File.ReadAllBytes(DebianKernel.SmallUki),
        File.ReadAllBytes(DebianKernel.Stub),
        File.ReadAllBytes(DebianKernel.Vmlinuz)[..65536],
        new PeBuilder().Add(".linux", KernelBytes.BzImage("6.1")).Add(".profile", "ID=a").Add(".cmdline", "x").Add(".profile", "ID=b\nTITLE=B").Build(),
        new PeBuilder().Pe32().Add(".osrel", "ID=x").Add(".linux", KernelBytes.Arm64Image()).Build(),
        KernelBytes.Zboot("zstd"),
        KernelBytes.BzImage("6.12.0 (builder) #1"),
    ];

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = random.Next(4) == 0 ? seed[..random.Next(seed.Length + 1)] : (byte[])seed.Clone();
        var mutations = random.Next(1, 9);
        for (var i = 0; i < mutations && data.Length > 0; i++)
        {
            // Most mutations hit the headers, where every offset and count is.
            var at = random.Next(2) == 0 ? random.Next(Math.Min(data.Length, 0x600)) : random.Next(data.Length);
            switch (random.Next(3))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                default:
                    var value = random.Next(3) switch { 0 => uint.MaxValue, 1 => 0u, _ => (uint)random.Next(data.Length * 2) };
                    BitConverter.TryWriteBytes(data.AsSpan(at & ~3, Math.Min(4, data.Length - (at & ~3))), value);
                    break;
            }
        }

        return data;
    }
}
