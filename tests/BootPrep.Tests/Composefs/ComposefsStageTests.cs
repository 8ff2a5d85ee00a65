using System.Text.Json;
using BootPrep.Tests.Support;
using Snapshooter;
using Snapshooter.Xunit;

namespace BootPrep.Tests.Composefs;

/// <summary>
/// <c>bootprep stage</c> without a source on a host booted from bootc's composefs backend, in host trees laid out as
/// bootc v1.16.9 writes them (crates/lib/src/bootc_composefs/boot.rs): /run/composefs/staged-deployment, and the
/// staged entries in loader/entries.staged of /boot (GRUB, type #1) or of the ESP (systemd-boot, a UKI).
/// </summary>
public sealed class ComposefsStageTests : IDisposable
{
    private const string Booted = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string Staged = "2222222222222222222222222222222222222222222222222222222222222222";

    private readonly TestTree _host = new();

    public ComposefsStageTests()
    {
        _host.File("proc/cmdline", $"BOOT_IMAGE=(hd0,gpt2)/boot/bootc_composefs-{Booted}/vmlinuz root=UUID=6f1c rw composefs={Booted}\n")
            .File($"boot/bootc_composefs-{Booted}/vmlinuz", "old kernel")
            .File($"boot/bootc_composefs-{Booted}/initrd", "old initrd")
            .File("boot/loader/entries/bootc_fedora-41-1.conf", Type1(Booted, "41", "bootc-fedora-0"));
    }

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("json")]
    [InlineData("human")]
    public void The_staged_type1_entry_is_staged_as_bootc_wrote_it(string format)
    {
        StageType1();

        var run = CliRun.On(TestHosts.Tree(_host.Root), "stage", "--dry-run", "--format", format);

        Assert.True(run.ExitCode == 0, run.Error);
        Snapshot.Match(run.Output, SnapshotNameExtension.Create(format));
    }

    [Fact]
    public void The_staged_entrys_kernel_initrd_and_options_are_used()
    {
        StageType1();

        var plan = DryRun();

        Assert.Equal($"/boot/bootc_composefs-{Staged}/vmlinuz", plan.GetProperty("kernel").GetProperty("source").GetString());
        Assert.Equal($"/boot/bootc_composefs-{Staged}/initrd", plan.GetProperty("initrd")[0].GetProperty("source").GetString());
        Assert.Equal($"root=UUID=6f1c rw composefs={Staged}", plan.GetProperty("cmdline").GetString());
        Assert.Equal(Staged, plan.GetProperty("boot").GetProperty("composefs").GetString());
    }

    [Fact]
    public void A_staged_uki_on_the_esp_is_split_with_its_own_command_line()
    {
        _host.File(Composefs.StagedPath, $"{{\"depl_id\":\"{Staged}\",\"finalization_locked\":false}}")
            .File($"boot/efi/EFI/Linux/bootc/bootc_composefs-{Staged}.efi", File.ReadAllBytes(DebianKernel.Uki))
            .File("boot/efi/loader/entries.staged/bootc_fedora-42-1.conf", $"title Fedora 42\nversion 42\nuki /EFI/Linux/bootc/bootc_composefs-{Staged}.efi\nsort-key bootc-fedora-0\n");

        var plan = DryRun();

        Assert.Equal("uki-split", plan.GetProperty("method").GetString());
        Assert.Equal(DebianKernel.Cmdline, plan.GetProperty("cmdline").GetString());
        Assert.Equal($"EFI/Linux/bootc/bootc_composefs-{Staged}.efi (.linux)", plan.GetProperty("kernel").GetProperty("source").GetString());
    }

    [Fact]
    public void A_locked_staged_deployment_is_refused()
    {
        StageType1();
        _host.File(Composefs.StagedPath, $"{{\"depl_id\":\"{Staged}\",\"finalization_locked\":true}}");

        var run = CliRun.On(TestHosts.Tree(_host.Root), "stage", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is locked (finalization_locked)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_staged_deployment_without_an_entry_asks_whether_the_esp_is_mounted()
    {
        _host.File(Composefs.StagedPath, $"{{\"depl_id\":\"{Staged}\",\"finalization_locked\":false}}");

        var run = CliRun.On(TestHosts.Tree(_host.Root), "stage", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no loader/entries.staged entry under /boot, /boot/efi, /efi boots it (is the ESP mounted?)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"depl_id\": 5}")]
    [InlineData("{\"depl_id\": \"../../etc\"}")]
    public void A_malformed_staged_file_is_named(string content)
    {
        _host.File(Composefs.StagedPath, content);

        var run = CliRun.On(TestHosts.Tree(_host.Root), "stage", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("run/composefs/staged-deployment: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void With_nothing_staged_the_default_entry_by_sort_key_is_staged()
    {
        _host.File($"boot/bootc_composefs-{Staged}/vmlinuz", "rollback kernel")
            .File("boot/loader/entries/bootc_fedora-42-0.conf", Type1(Staged, "42", "bootc-fedora-1"));

        var plan = DryRun();

        Assert.Equal("boot-entry", plan.GetProperty("boot").GetProperty("from").GetString());
        Assert.Equal(Booted, plan.GetProperty("boot").GetProperty("deployment").GetString());
        Assert.Equal($"root=UUID=6f1c rw composefs={Booted}", plan.GetProperty("cmdline").GetString());
    }

    [Theory]
    [InlineData(Staged, 0)]
    [InlineData(Booted, 1)]
    public void After_bootc_finalizes_the_swapped_in_entry_is_confirmed(string recorded, int exitCode)
    {
        StageType1();
        Directory.Delete(Path.Combine(_host.Root, "boot", "loader", "entries"), recursive: true);
        Directory.Move(Path.Combine(_host.Root, "boot", "loader", "entries.staged"), Path.Combine(_host.Root, "boot", "loader", "entries"));
        _host.File("run/bootprep/staged", $"SOURCE=staged-deployment\nDEPLOYMENT={recorded}\nKERNEL_SHA256=00\nCMDLINE=x\n");

        var run = CliRun.On(TestHosts.Tree(_host.Root), "stage", "--finalized", "--dry-run");

        Assert.True(run.ExitCode == exitCode, run.Error);
        Assert.Contains(exitCode == 0 ? $"Cmdline: root=UUID=6f1c rw composefs={Staged} (from boot-entry)" : "would unload the staged kernel", run.Output + run.Error, StringComparison.Ordinal);
    }

    private void StageType1() =>
        _host.File(Composefs.StagedPath, $"{{\"depl_id\":\"{Staged}\",\"finalization_locked\":false}}")
            .File($"boot/bootc_composefs-{Staged}/vmlinuz", "new kernel")
            .File($"boot/bootc_composefs-{Staged}/initrd", "new initrd")
            .File("boot/loader/entries.staged/bootc_fedora-42-1.conf", Type1(Staged, "42", "bootc-fedora-0"))
            .File("boot/loader/entries.staged/bootc_fedora-41-0.conf", Type1(Booted, "41", "bootc-fedora-1"));

    // As bootc writes a type #1 entry when /boot is not a mount of its own: paths under /boot.
    private static string Type1(string digest, string version, string sortKey) =>
        $"title Fedora Linux {version}\nversion {version}\nlinux /boot/bootc_composefs-{digest}/vmlinuz\ninitrd /boot/bootc_composefs-{digest}/initrd\noptions root=UUID=6f1c rw composefs={digest}\nsort-key {sortKey}\n";

    private JsonElement DryRun()
    {
        var run = CliRun.On(TestHosts.Tree(_host.Root), "stage", "--dry-run", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement;
    }

    private static class Composefs
    {
        public const string StagedPath = "run/composefs/staged-deployment";
    }
}
