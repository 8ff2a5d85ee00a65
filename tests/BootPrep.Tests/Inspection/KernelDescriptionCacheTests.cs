using System.Security.Cryptography;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Inspection;
using BootPrep.KernelImages;
using BootPrep.Tests.Support;
using BootPrep.Uki;

namespace BootPrep.Tests.Inspection;

/// <summary>
/// The cache of kernel descriptions: a second inspect describes a kernel whose digest its layer cache states from the
/// description kept the first time, and reports the same; an entry that is damaged or kept under another digest is
/// not used and is written again; --no-cache and a directory root keep nothing.
/// </summary>
public sealed class KernelDescriptionCacheTests : IDisposable
{
    private const string VmlinuzPath = "usr/lib/modules/6.12.0/vmlinuz";
    private const string UkiPath = "boot/EFI/Linux/debian.efi";

    private static readonly byte[] s_vmlinuz = KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP");

    private readonly TestTree _tree = new();
    private readonly string _cache;

    public KernelDescriptionCacheTests() => _cache = Path.Combine(_tree.Root, "cache");

    public void Dispose() => _tree.Dispose();

    public static TheoryData<string> Kernels => ["vmlinuz", "uki"];

    public static TheoryData<string> Descriptions =>
        ["bzimage", "signed bzimage", "arm64", "zboot", "compressed", "unknown", "unreadable", "uki with profiles", "signed uki", "not a pe"];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void A_second_inspect_reports_what_a_first_one_without_the_cache_reports(string kernel)
    {
        var (layout, bytes) = kernel == "uki" ? UkiLayout() : VmlinuzLayout("vmlinuz", s_vmlinuz);

        var cold = Inspect(layout, "--no-cache");
        var first = Inspect(layout);
        var kept = File.Exists(EntryPath(kernel, bytes));
        var warm = Inspect(layout);

        Assert.True(kept, "the first inspect kept no description");
        Assert.Equal(cold, first);
        Assert.Equal(cold, warm);
    }

    [Fact]
    public void A_kept_description_is_used_instead_of_the_kernels_bytes()
    {
        var (layout, bytes) = VmlinuzLayout("vmlinuz", s_vmlinuz);
        var cold = Inspect(layout, "--no-cache");
        Inspect(layout);

        // The layer cache checks a kept file by its size only: bytes of the same size that no reader would describe so.
        File.WriteAllBytes(Path.Combine(_cache, "files", "sha256", Sha256(bytes)), new byte[bytes.Length]);

        Assert.Equal(cold, Inspect(layout));
    }

    [Fact]
    public void A_damaged_entry_is_not_used_and_is_written_again()
    {
        var (layout, bytes) = VmlinuzLayout("vmlinuz", s_vmlinuz);
        var cold = Inspect(layout, "--no-cache");
        Inspect(layout);
        var entry = EntryPath("vmlinuz", bytes);
        var kept = File.ReadAllBytes(entry);
        var damaged = (byte[])kept.Clone();
        var release = damaged.AsSpan().IndexOf("6.12.0 (builder"u8);
        damaged[release] = (byte)'7';
        File.WriteAllBytes(entry, damaged);

        var report = Inspect(layout);

        Assert.Equal(cold, report);
        Assert.Equal(kept, File.ReadAllBytes(entry));
    }

    [Fact]
    public void An_entry_under_another_kernels_digest_is_not_used()
    {
        var other = KernelBytes.BzImage("6.12.1 (builder@fedora) #2 SMP");
        var (first, firstBytes) = VmlinuzLayout("first", s_vmlinuz);
        var (second, secondBytes) = VmlinuzLayout("second", other);
        var cold = Inspect(second, "--no-cache");
        Inspect(first);
        Inspect(second);
        var secondEntry = EntryPath("vmlinuz", secondBytes);
        var kept = File.ReadAllBytes(secondEntry);
        File.Copy(EntryPath("vmlinuz", firstBytes), secondEntry, overwrite: true);

        var report = Inspect(second);

        Assert.Equal(cold, report);
        Assert.Equal(kept, File.ReadAllBytes(secondEntry));
    }

    [Fact]
    public void A_description_of_a_vmlinuz_is_not_used_for_a_uki_of_the_same_bytes()
    {
        var cache = new KernelDescriptionCache(_cache);
        var description = Describe("bzimage");
        cache.Save(description, unified: false);

        Assert.Null(cache.Load(description.Sha256, unified: true));
        Assert.NotNull(cache.Load(description.Sha256, unified: false));
    }

    [Fact]
    public void Inspect_with_no_cache_keeps_nothing()
    {
        var (layout, _) = UkiLayout();

        Inspect(layout, "--no-cache");

        Assert.False(Directory.Exists(_cache));
    }

    [Fact]
    public void A_directory_root_keeps_no_description()
    {
        _tree.File($"root/{VmlinuzPath}", s_vmlinuz);
        var host = TestHosts.X86_64 with { CacheDirectory = _cache };

        var run = CliRun.On(host, "inspect", "--rootfs", Path.Combine(_tree.Root, "root"), "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(Directory.Exists(_cache));
    }

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void A_description_is_read_back_as_it_was_kept(string kind)
    {
        var cache = new KernelDescriptionCache(_cache);
        var description = Describe(kind);
        var unified = description.Uki is not null;

        cache.Save(description, unified);
        var loaded = cache.Load(description.Sha256, unified);

        Assert.NotNull(loaded);
        Assert.Equivalent(description, loaded, strict: true);
        Assert.Equal(description.Uki?.OsRelease?.Keys, loaded.Uki?.OsRelease?.Keys);
    }

    // What inspect reads of each kind of kernel file: every kind of image, and UKIs with every member set.
    private static KernelDescription Describe(string kind) => kind switch
    {
        "bzimage" => Vmlinuz(s_vmlinuz),
        "signed bzimage" => Vmlinuz(File.ReadAllBytes(DebianKernel.Vmlinuz)),
        "arm64" => Vmlinuz(KernelBytes.Arm64Image()),
        "zboot" => Vmlinuz(KernelBytes.Zboot("zstd")),
        "compressed" => Vmlinuz([0x28, 0xb5, 0x2f, 0xfd, .. new byte[100]]),
        "unknown" => Vmlinuz(new byte[700]),
        "unreadable" => Vmlinuz(KernelBytes.Zboot("gzip", payloadSize: 0x10000)),
        "uki with profiles" => Uki(new PeBuilder()
            .Add(".osrel", "ID=fedora\nNAME=\"Fedora Linux\"\nVERSION_ID=41\nID=again\n")
            .Add(".uname", "6.12.0\n")
            .Add(".cmdline", "root=/dev/vda2 ro")
            .Add(".sbat", "sbat,1,SBAT Version,sbat,1,https://github.com/rhboot/shim/blob/main/SBAT.md\n")
            .Add(".initrd", new byte[300])
            .Add(".ucode", new byte[20])
            .Add(".linux", KernelBytes.BzImage("6.12.1 (builder@fedora) #1 SMP"))
            .Add(".profile", "ID=default\nTITLE=Default\n")
            .Add(".profile", "ID=rescue\nTITLE=Rescue\n")
            .Add(".cmdline", "rescue")
            .Add(new PeBuilder.Section(".text"u8.ToArray(), new byte[16], Pointer: 0x10000))
            .Build()),
        "signed uki" => Uki(File.ReadAllBytes(DebianKernel.Uki)),
        "not a pe" => new KernelDescription(Sha256(new byte[10]), null, null, [new Diagnostic(DiagnosticCode.FormatError, "PE: too short")], [], []),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static KernelDescription Vmlinuz(byte[] bytes)
    {
        var errors = new List<Diagnostic>();
        var image = KernelImageReader.Describe(FileRange.Of(new MemoryStream(bytes)), errors);
        return new KernelDescription(image.Sha256, image, null, errors, [], []);
    }

    private static KernelDescription Uki(byte[] bytes)
    {
        var errors = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        var (uki, linux, sha256) = UkiReader.Read(UkiImage.Read(FileRange.Of(new MemoryStream(bytes))), errors, warnings);
        var linuxErrors = new List<Diagnostic>();
        var image = linux is { } data ? KernelImageReader.Describe(data, linuxErrors) : null;
        return new KernelDescription(sha256, image, uki, errors, [.. linuxErrors.Select(error => error.Within("section .linux"))], warnings);
    }

    private (string Layout, byte[] Kernel) VmlinuzLayout(string name, byte[] vmlinuz) =>
        (new OciImageBuilder()
            .Layer(layer => layer.File("etc/os-release", "ID=cached\n"))
            .Layer(layer => layer.File(VmlinuzPath, vmlinuz).File("usr/lib/modules/6.12.0/initramfs.img", [0x1f, 0x8b, 8, 0]))
            .WriteLayout(Path.Combine(_tree.Root, name)), vmlinuz);

    private (string Layout, byte[] Kernel) UkiLayout()
    {
        var uki = File.ReadAllBytes(DebianKernel.SmallUki);
        return (new OciImageBuilder()
            .Layer(layer => layer.File(UkiPath, uki))
            .Layer(layer => layer.File($"{UkiPath}.extra.d/quiet.addon.efi", File.ReadAllBytes(DebianKernel.Addon)), LayerCompression.Zstd)
            .WriteLayout(Path.Combine(_tree.Root, "uki")), uki);
    }

    private string Inspect(string layout, params string[] options)
    {
        var run = CliRun.On(TestHosts.X86_64 with { CacheDirectory = _cache }, ["inspect", $"oci:{layout}", "--json", .. options]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output;
    }

    private string EntryPath(string kind, byte[] kernel) => Path.Combine(_cache, "kernels", kind, "sha256", Sha256(kernel));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
