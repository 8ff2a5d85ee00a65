using BootPrep.Tests.Support;
using Snapshooter;
using Snapshooter.Xunit;

namespace BootPrep.Tests.Cli;

public sealed class InspectCommandTests
{
    public static TheoryData<string> RootFsFixtures => new(Fixtures.RootFsNames);

    [Theory]
    [MemberData(nameof(RootFsFixtures))]
    public void Json_of_every_fixture_matches_its_snapshot(string fixture)
    {
        var run = CliRun.Of("inspect", Fixtures.RootFs(fixture), "--json", "--arch", "x86_64");

        Assert.Equal(ExpectedExitCode(fixture), run.ExitCode);
        Snapshot.Match(run.Output, SnapshotNameExtension.Create(fixture, "json"));
    }

    [Theory]
    [MemberData(nameof(RootFsFixtures))]
    public void Human_output_of_every_fixture_matches_its_snapshot(string fixture)
    {
        var run = CliRun.Of("inspect", Fixtures.RootFs(fixture), "--arch", "x86_64");

        Assert.Equal(ExpectedExitCode(fixture), run.ExitCode);
        Snapshot.Match(run.Output, SnapshotNameExtension.Create(fixture, "human"));
    }

    [Fact]
    public void Format_json_is_the_same_as_json()
    {
        var root = Fixtures.RootFs("vmlinuz");

        Assert.Equal(CliRun.Of("inspect", root, "--json"), CliRun.Of("inspect", root, "--format", "json"));
    }

    [Fact]
    public void Json_has_the_bootc_core_and_no_host_paths()
    {
        var run = CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), "--json");

        Assert.StartsWith("{\n  \"kargs\": [", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"kernel\": {\n    \"version\": \"6.12.0-100.fc42.x86_64\",\n    \"unified\": false,", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixtures.RepositoryRoot, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_source_fails_with_one_line_naming_it()
    {
        var missing = Path.Combine(Fixtures.RepositoryRoot, "fixtures", "no-such-root");

        var run = CliRun.Of("inspect", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"bootprep: {missing}: no such file or directory\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void File_as_source_fails_naming_it()
    {
        var file = Path.Combine(Fixtures.RepositoryRoot, "BootPrep.sln");

        var run = CliRun.Of("inspect", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"bootprep: {file}: not an image root directory, and not a readable image archive", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ambiguous_kernel_prints_the_report_and_exits_7_naming_both_directories()
    {
        using var tree = new TestTree();
        tree.File("usr/lib/modules/6.1/vmlinuz").File("usr/lib/modules/6.2/vmlinuz");

        var run = CliRun.Of("inspect", tree.Root, "--json");

        Assert.Equal(7, run.ExitCode);
        Assert.Equal(1, run.Error.Count(c => c == '\n'));
        Assert.StartsWith($"bootprep: {tree.Root}: bootc would refuse this image: usr/lib/modules: found 2 directories holding vmlinuz (6.1, 6.2)", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"multiple-kernels\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_kargs_file_prints_the_report_and_exits_7_naming_it()
    {
        using var tree = new TestTree();
        tree.File("usr/lib/bootc/kargs.d/00.toml", "kargs = [").File("usr/lib/modules/6.1/vmlinuz");

        var run = CliRun.Of("inspect", tree.Root);

        Assert.Equal(7, run.ExitCode);
        Assert.StartsWith($"bootprep: {tree.Root}: bootc would refuse this image: usr/lib/bootc/kargs.d/00.toml: invalid TOML", run.Error, StringComparison.Ordinal);
        Assert.Contains("Kernel: 6.1", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_first_reason_bootc_would_stop_at_goes_to_stderr()
    {
        using var tree = new TestTree();
        tree.File("usr/lib/bootc/kargs.d/00.toml", "nope = 1").File("usr/lib/modules/6.1/vmlinuz").File("usr/lib/modules/6.2/vmlinuz");

        var run = CliRun.Of("inspect", tree.Root, "--json");

        Assert.Equal(7, run.ExitCode);
        Assert.Equal(1, run.Error.Count(c => c == '\n'));
        Assert.Contains("usr/lib/bootc/kargs.d/00.toml: unknown key nope", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"multiple-kernels\"", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("inspect", "a", "b")]
    [InlineData("inspect", "x", "--format", "toml")]
    [InlineData("inspect", "x", "--json", "--format", "yaml")]
    [InlineData("inspect", "x", "--rootfs", "y")]
    [InlineData("inspect", "x", "--json", "--format", "human")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("bootprep: ", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("Try 'bootprep --help' for more information.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_the_exit_codes()
    {
        var run = CliRun.Of("inspect", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exit codes: 0 success, 1 failure", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_of_a_multi_profile_uki_with_addons_matches_its_snapshot()
    {
        using var tree = SyntheticUki();

        var run = CliRun.Of("inspect", tree.Root, "--json", "--arch", "x86_64");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Snapshot.Match(run.Output);
    }

    [Fact]
    public void Human_output_of_a_multi_profile_uki_with_addons_matches_its_snapshot()
    {
        using var tree = SyntheticUki();

        var run = CliRun.Of("inspect", tree.Root, "--arch", "x86_64");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Snapshot.Match(run.Output);
    }

    [Fact]
    public void Json_of_a_bzimage_whose_release_disagrees_matches_its_snapshot()
    {
        using var tree = new TestTree();
        tree.File("usr/lib/modules/6.12.0-100.fc42.x86_64/vmlinuz", KernelBytes.BzImage("6.12.0-99.fc42.x86_64 (mockbuild@fedora) #1 SMP"))
            .File("usr/lib/modules/6.12.0-100.fc42.x86_64/initramfs.img", [0x28, 0xb5, 0x2f, 0xfd, 0, 0]);

        var run = CliRun.Of("inspect", tree.Root, "--json", "--arch", "x86_64");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Snapshot.Match(run.Output);
    }

    [Fact]
    public void Section_prints_the_raw_bytes_the_stub_would_use()
    {
        using var tree = SyntheticUki();

        var (run, bytes) = CliRun.Capture("inspect", tree.Root, "--section", ".cmdline");

        Assert.Equal((0, "", ""), (run.ExitCode, run.Output, run.Error));
        Assert.Equal("console=ttyS0 quiet"u8.ToArray(), bytes);
    }

    [Fact]
    public void Section_that_is_missing_names_the_ones_there()
    {
        using var tree = SyntheticUki();

        var run = CliRun.Of("inspect", tree.Root, "--section", ".dtb");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"bootprep: {tree.Root}: boot/EFI/Linux/fedora.efi: no section .dtb; it has .osrel, .cmdline, .uname, .linux, .initrd, .profile\n", run.Error);
    }

    [Fact]
    public void Section_of_a_kernel_that_is_not_a_pe_file_says_so()
    {
        var run = CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), "--section", ".linux");

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("usr/lib/modules/6.12.0-100.fc42.x86_64/vmlinuz: PE: no DOS header: the file does not start with \"MZ\"\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_does_not_combine_with_json()
    {
        var run = CliRun.Of("inspect", Fixtures.RootFs("uki"), "--section", ".linux", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("bootprep: --section prints raw bytes; it does not combine with --json, --format or --expect.", run.Error, StringComparison.Ordinal);
    }

    private static TestTree SyntheticUki()
    {
        var tree = new TestTree();
        var uki = new PeBuilder()
            .Add(".osrel", "ID=fedora\nVERSION_ID=42\nPRETTY_NAME=\"Fedora Linux 42\"\n")
            .Add(".cmdline", "console=ttyS0 quiet")
            .Add(".uname", "6.12.0-100.fc42.x86_64")
            .Add(".linux", KernelBytes.BzImage("6.12.0-100.fc42.x86_64 (mockbuild@fedora) #1 SMP"))
            .Add(".initrd", [0x1f, 0x8b, 8, 0])
            .Add(".profile", "ID=default\nTITLE=Fedora Linux\n")
            .Add(".profile", "ID=rescue\nTITLE=Rescue shell\n")
            .Add(".cmdline", "console=ttyS0 systemd.unit=rescue.target")
            .Build();
        tree.File("boot/EFI/Linux/fedora.efi", uki)
            .File("boot/EFI/Linux/fedora.efi.extra.d/debug.addon.efi", new PeBuilder().Add(".cmdline", "debug").Build())
            .File("boot/EFI/Linux/fedora.efi.extra.d/broken.addon.efi", "not a PE file");
        return tree;
    }

    private static int ExpectedExitCode(string fixture) => Fixtures.RootFsRefusedByBootc.Contains(fixture) ? 7 : 0;
}
