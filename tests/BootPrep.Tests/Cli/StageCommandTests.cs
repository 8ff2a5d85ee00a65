using System.Text.Json;
using BootPrep.Tests.Support;
using Snapshooter.Xunit;

namespace BootPrep.Tests.Cli;

public sealed class StageCommandTests
{
    [Fact]
    public void Dry_run_json_of_a_vmlinuz_matches_its_snapshot()
    {
        var run = CliRun.Of("stage", Fixtures.RootFs("vmlinuz"), "--dry-run", "--cmdline", "root=/dev/vda2 ro", "--append", "quiet", "--json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Snapshot.Match(run.Output);
    }

    [Fact]
    public void Dry_run_of_a_vmlinuz_matches_its_snapshot()
    {
        var run = CliRun.Of("stage", Fixtures.RootFs("vmlinuz"), "--dry-run", "--cmdline", "root=/dev/vda2 ro");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Snapshot.Match(run.Output);
    }

    [Fact]
    public void Dry_run_json_of_a_uki_with_addons_matches_its_snapshot()
    {
        using var tree = UkiWithAddons();

        var run = CliRun.Of("stage", tree.Root, "--dry-run", "--json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Snapshot.Match(run.Output);
    }

    [Fact]
    public void A_split_uki_passes_microcode_first_then_the_initrds_and_the_joined_command_line()
    {
        using var tree = UkiWithAddons();

        using var report = JsonDocument.Parse(CliRun.Of("stage", tree.Root, "--dry-run", "--json").Output);

        var root = report.RootElement;
        Assert.Equal("uki-split", root.GetProperty("method").GetString());
        Assert.Equal(
            ["boot/EFI/Linux/os.efi (.ucode)", "boot/EFI/Linux/os.efi.extra.d/a.addon.efi (.ucode)", "boot/EFI/Linux/os.efi (.initrd)", "boot/EFI/Linux/os.efi.extra.d/a.addon.efi (.initrd)"],
            root.GetProperty("initrd").EnumerateArray().Select(piece => piece.GetProperty("source").GetString()));
        Assert.Equal(12 + 4 + 8 + 6, root.GetProperty("initrd-size").GetInt64());
        Assert.Equal("console=ttyS0 quiet debug", root.GetProperty("cmdline").GetString());
    }

    [Fact]
    public void Initrd_option_replaces_the_images()
    {
        using var tree = UkiWithAddons();
        var initrd = Path.Combine(tree.Root, "host-initrd.img");
        File.WriteAllText(initrd, "host initrd");

        using var report = JsonDocument.Parse(CliRun.Of("stage", tree.Root, "--dry-run", "--json", "--initrd", initrd).Output);

        var piece = Assert.Single(report.RootElement.GetProperty("initrd").EnumerateArray());
        Assert.Equal((initrd, 11L), (piece.GetProperty("source").GetString(), piece.GetProperty("size").GetInt64()));
    }

    [Fact]
    public void A_vmlinuz_without_initramfs_loads_with_no_initramfs()
    {
        using var report = JsonDocument.Parse(CliRun.Of("stage", Fixtures.RootFs("missing-initramfs"), "--dry-run", "--json", "--cmdline", "x").Output);

        Assert.Equal(["no-initramfs"], report.RootElement.GetProperty("flags").EnumerateArray().Select(flag => flag.GetString()));
        Assert.Empty(report.RootElement.GetProperty("initrd").EnumerateArray());
    }

    [Fact]
    public void An_image_without_a_kernel_fails_naming_it()
    {
        var root = Fixtures.RootFs("no-kernel");

        var run = CliRun.Of("stage", root, "--dry-run");

        Assert.Equal((1, $"bootprep: {root}: the image has no kernel to stage (no boot/EFI/Linux/*.efi, no usr/lib/modules/*/vmlinuz)\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public void A_uki_without_linux_fails_as_an_invalid_kernel()
    {
        using var tree = new TestTree();
        tree.File("boot/EFI/Linux/os.efi", new PeBuilder().Add(".cmdline", "x").Build());

        var run = CliRun.Of("stage", tree.Root, "--dry-run");

        Assert.Equal((1, $"bootprep: {tree.Root}: boot/EFI/Linux/os.efi: no .linux section: the PE file is not a UKI\n"), (run.ExitCode, run.Error));
    }

    [Theory]
    [InlineData("--cmdline", "x", "--reuse-cmdline", "--cmdline and --reuse-cmdline contradict each other.")]
    [InlineData("--dry-run", "--exec", "--exec", "--dry-run and --exec contradict each other.")]
    public void Contradicting_options_are_a_usage_error(string first, string second, string third, string message)
    {
        var run = CliRun.Of("stage", Fixtures.RootFs("vmlinuz"), first, second, third);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"bootprep: {message}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_json_names_every_fact()
    {
        using var report = JsonDocument.Parse(CliRun.Of("status", "--json").Output);

        Assert.Equal(
            ["architecture", "syscall-number", "kexec-loaded", "crash-loaded", "lockdown", "secure-boot", "cap-sys-boot", "kexec-load-disabled"],
            report.RootElement.EnumerateObject().Select(property => property.Name));
    }

    private static TestTree UkiWithAddons()
    {
        var tree = new TestTree();
        tree.File("boot/EFI/Linux/os.efi", new PeBuilder()
                .Add(".cmdline", "console=ttyS0 quiet")
                .Add(".linux", KernelBytes.BzImage("6.12.0"))
                .Add(".initrd", "initrd-data\n")
                .Add(".ucode", "ucod")
                .Build())
            .File("boot/EFI/Linux/os.efi.extra.d/a.addon.efi", new PeBuilder().Add(".cmdline", "debug").Add(".initrd", "addon\n").Add(".ucode", "addon-uc").Build());
        return tree;
    }
}
