using System.Text.Json;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Bootc;

/// <summary>
/// What <c>bootprep inspect --json</c> says against what bootc 1.16.9's <c>container inspect</c> does with the same
/// root: the kargs, the kernel's version and unified, and whether bootc fails (exit 7). The first cases are
/// bootc's own unit tests (crates/lib/src/kernel.rs, crates/ostree-ext/src/bootabletree.rs) ported as facts; the
/// rest follow its code, file and line as cited in docs/detection.md.
/// </summary>
public sealed class BootcParityTests : IDisposable
{
    private const string Linux = "boot/EFI/Linux";
    private const string Modules = "usr/lib/modules";
    private const string KargsD = "usr/lib/bootc/kargs.d";

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>A UKI as bootc_utils' <c>create_minimal_pe</c> builds it: one .cmdline section, "quiet splash".</summary>
    private static byte[] MinimalPe => new PeBuilder().Add(".cmdline", "quiet splash").Build();

    // Ported from bootc kernel.rs test_find_kernel_none.
    [Fact]
    public void An_empty_root_has_no_kernel()
    {
        Assert.Equal(new Bootc([], null, null, Refuses: false), Inspect());
    }

    // Ported from bootc kernel.rs test_find_kernel_traditional.
    [Fact]
    public void A_vmlinuz_kernel_is_its_modules_directory()
    {
        _tree.File($"{Modules}/6.12.0-100.fc41.x86_64/vmlinuz", "fake kernel");

        var report = Report();

        Assert.Equal(new Bootc([], "6.12.0-100.fc41.x86_64", false, Refuses: false), Summary(report));
        Assert.Equal($"{Modules}/6.12.0-100.fc41.x86_64/vmlinuz", report.RootElement.GetProperty("kernel").GetProperty("path").GetString());
        Assert.Equal($"{Modules}/6.12.0-100.fc41.x86_64/initramfs.img", report.RootElement.GetProperty("kernel").GetProperty("initramfs").GetProperty("path").GetString());
    }

    // Ported from bootc kernel.rs test_find_kernel_uki.
    [Fact]
    public void A_uki_is_its_file_name_without_efi()
    {
        _tree.File($"{Linux}/fedora-6.12.0.efi", MinimalPe);

        var report = Report();

        Assert.Equal(new Bootc([], "fedora-6.12.0", true, Refuses: false), Summary(report));
        Assert.Equal($"{Linux}/fedora-6.12.0.efi", report.RootElement.GetProperty("kernel").GetProperty("path").GetString());
    }

    // Ported from bootc kernel.rs test_find_kernel_uki_takes_precedence.
    [Fact]
    public void A_uki_takes_precedence_over_vmlinuz()
    {
        _tree.File($"{Modules}/6.12.0-100.fc41.x86_64/vmlinuz", "fake kernel").File($"{Linux}/fedora-6.12.0.efi", MinimalPe);

        Assert.Equal(new Bootc([], "fedora-6.12.0", true, Refuses: false), Inspect());
    }

    // Ported from bootc kernel.rs test_find_uki_path_sorted.
    [Fact]
    public void The_first_uki_in_sorted_order_wins()
    {
        _tree.File($"{Linux}/zzz.efi", MinimalPe).File($"{Linux}/aaa.efi", MinimalPe).File($"{Linux}/mmm.efi", MinimalPe);

        Assert.Equal("aaa", Inspect().Version);
    }

    // Ported from ostree-ext bootabletree.rs test_find_kernel_dir_fs.
    [Fact]
    public void An_empty_modules_directory_has_no_kernel()
    {
        _tree.Dir(Modules);

        Assert.Equal(new Bootc([], null, null, Refuses: false), Inspect());
    }

    // Ported from ostree-ext bootabletree.rs test_find_kernel_dir_fs.
    [Fact]
    public void A_modules_directory_without_vmlinuz_does_not_count()
    {
        _tree.File($"{Modules}/5.12.8-32.aarch64/vmlinuz", "some kernel").File($"{Modules}/5.13.7-44.aarch64/foo.ko", "some kmod");

        Assert.Equal(new Bootc([], "5.12.8-32.aarch64", false, Refuses: false), Inspect());
    }

    [Fact]
    public void A_base_and_a_derived_image_adding_the_same_karg_give_it_once()
    {
        _tree.File($"{KargsD}/10-base.toml", "kargs = [\"console=ttyS0\", \"rw\"]")
            .File($"{KargsD}/50-derived.toml", "kargs = [\"console=ttyS0\", \"nosmt\"]")
            .File($"{Modules}/6.1/vmlinuz");

        Assert.Equal(new Bootc(["console=ttyS0", "rw", "nosmt"], "6.1", false, Refuses: false), Inspect());
    }

    private static readonly Dictionary<string, (Action<TestTree> Build, bool Refuses)> s_cases = new()
    {
        ["a UKI that is not a PE"] = (t => t.File($"{Linux}/a.efi", "not a PE"), true),
        ["a UKI without .cmdline"] = (t => t.File($"{Linux}/a.efi", new PeBuilder().Add(".osrel", "ID=x").Build()), false),
        ["a UKI whose .cmdline is not UTF-8"] = (t => t.File($"{Linux}/a.efi", new PeBuilder().Add(".cmdline", [0xc3, 0x28]).Build()), true),
        ["the first UKI is a directory"] = (t => t.Dir($"{Linux}/a.efi").File($"{Linux}/b.efi", MinimalPe), true),
        ["the first UKI is a dangling link"] = (t => t.Symlink($"{Linux}/a.efi", "nowhere").File($"{Linux}/b.efi", MinimalPe), true),
        ["a UKI linked absolutely"] = (t => t.File("usr/lib/u.efi", MinimalPe).Symlink($"{Linux}/a.efi", "/usr/lib/u.efi"), true),
        ["a UKI linked relatively"] = (t => t.File("usr/lib/u.efi", MinimalPe).Symlink($"{Linux}/a.efi", "../../../usr/lib/u.efi"), false),
        ["boot is a file"] = (t => t.File("boot", "x").File($"{Modules}/6.1/vmlinuz"), true),
        ["boot is a dangling link"] = (t => t.Symlink("boot", "nowhere").File($"{Modules}/6.1/vmlinuz"), false),
        ["EFI climbs out of boot"] = (t => t.File($"efi/Linux/a.efi", MinimalPe).Symlink("boot/EFI", "../efi"), true),
        ["a name in EFI/Linux that is not UTF-8"] = (t => t.RawFile(Linux, [0xff, .. ".efi"u8]).File($"{Modules}/6.1/vmlinuz"), false),
        ["two module kernels"] = (t => t.File($"{Modules}/6.1/vmlinuz").File($"{Modules}/6.2/vmlinuz"), true),
        ["a module directory that is a link"] = (t => t.File("opt/6.2/vmlinuz").Symlink($"{Modules}/6.2", "../../../opt/6.2").File($"{Modules}/6.1/vmlinuz"), false),
        ["vmlinuz linked absolutely"] = (t => t.File("boot/vmlinuz").Symlink($"{Modules}/6.1/vmlinuz", "/boot/vmlinuz"), true),
        ["vmlinuz a dangling relative link"] = (t => t.Symlink($"{Modules}/6.1/vmlinuz", "gone"), false),
        ["vmlinuz a link loop"] = (t => t.Symlink($"{Modules}/6.1/vmlinuz", "vmlinuz"), true),
        ["vmlinuz a directory"] = (t => t.Dir($"{Modules}/6.1/vmlinuz"), false),
        ["initramfs a link loop"] = (t => t.File($"{Modules}/6.1/vmlinuz").Symlink($"{Modules}/6.1/initramfs.img", "initramfs.img"), false),
        ["modules is a file"] = (t => t.File(Modules, "x"), true),
        ["kargs.d is a file"] = (t => t.File(KargsD, "x"), true),
        ["kargs.d is a dangling link"] = (t => t.Symlink(KargsD, "nowhere"), false),
        ["a kargs name that is not UTF-8"] = (t => t.RawFile(KargsD, [0xfe]), true),
        ["a kargs file with an unknown key"] = (t => t.File($"{KargsD}/a.toml", "kargs = []\nfoo = 1"), true),
        ["a kargs file with match_architectures"] = (t => t.File($"{KargsD}/a.toml", "kargs = []\nmatch_architectures = []"), true),
        ["a kargs file for another architecture that is still valid"] = (t => t.File($"{KargsD}/a.toml", "kargs = [\"x\"]\nmatch-architectures = [\"riscv64\"]"), false),
        ["a kargs file for another architecture that is invalid"] = (t => t.File($"{KargsD}/a.toml", "kargs = [\"x\"]\nmatch-architectures = [\"riscv64\"]\nfoo = 1"), true),
        ["a kargs file that is not UTF-8"] = (t => t.File($"{KargsD}/a.toml", [0xff]), true),
        ["a kargs file in a subdirectory"] = (t => t.File($"{KargsD}/sub/a.toml", "not toml"), false),
        ["a kargs file without the toml extension"] = (t => t.File($"{KargsD}/a.conf", "not toml"), false),
    };

    public static TheoryData<string> Cases => new(s_cases.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bootc_fails_exactly_where_bootc_1_16_fails(string what)
    {
        var (build, refuses) = s_cases[what];
        build(_tree);

        Assert.True(Inspect().Refuses == refuses, $"{what}: expected bootc to {(refuses ? "refuse" : "accept")} the image");
    }

    private Bootc Inspect() => Summary(Report());

    private JsonDocument Report()
    {
        var run = CliRun.Of("inspect", _tree.Root, "--json", "--arch", "x86_64");
        Assert.Contains(run.ExitCode, new[] { 0, 7 });
        Assert.Equal(run.ExitCode == 7, run.Error.Contains("bootc would refuse this image", StringComparison.Ordinal));
        var report = JsonDocument.Parse(run.Output);
        Assert.Equal(run.ExitCode == 7 ? "refuse" : "accept", report.RootElement.GetProperty("bootc").GetProperty("verdict").GetString());
        return report;
    }

    private static Bootc Summary(JsonDocument report)
    {
        var root = report.RootElement;
        var kernel = root.GetProperty("kernel");
        return new Bootc(
            [.. root.GetProperty("kargs").EnumerateArray().Select(karg => karg.GetString()!)],
            kernel.ValueKind == JsonValueKind.Null ? null : kernel.GetProperty("version").GetString(),
            kernel.ValueKind == JsonValueKind.Null ? null : kernel.GetProperty("unified").GetBoolean(),
            root.GetProperty("bootc").GetProperty("verdict").GetString() == "refuse");
    }

    /// <summary>What bootc's container inspect would say: its two fields, and whether it fails instead.</summary>
    private sealed record Bootc(IReadOnlyList<string> Kargs, string? Version, bool? Unified, bool Refuses)
    {
        public bool Equals(Bootc? other) =>
            other is not null && Kargs.SequenceEqual(other.Kargs) && Version == other.Version && Unified == other.Unified && Refuses == other.Refuses;

        public override int GetHashCode() => HashCode.Combine(Version, Unified, Refuses);
    }
}
