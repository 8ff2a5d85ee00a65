using System.Text.Json;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Ostree;

/// <summary>
/// <c>bootprep stage</c> without a source on hosts booted from real ostree sysroots (Debian's ostree 2022.7): its plan
/// is the entry ostree-finalize-staged writes, which ostree itself wrote into each scenario's finalized copy.
/// </summary>
public sealed class StagedDeploymentStageTests
{
    [Theory]
    [MemberData(nameof(OstreeSysroots.Finalizing), MemberType = typeof(OstreeSysroots))]
    public void The_plan_is_the_entry_finalization_writes(string scenario)
    {
        using var view = OstreeSysroots.View(scenario);

        var plan = DryRun(view);

        OstreeSysroots.Written(scenario).AssertPlanned(plan);
        Assert.Equal("staged-deployment", plan.GetProperty("cmdline-source").GetString());
        Assert.Equal("staged-deployment", plan.GetProperty("boot").GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("no-flip", "boot version stays 0")]
    [InlineData("version-flip", "boot version flips from 0 to 1: deployment 0 has another version")]
    [InlineData("merge-kargs", "boot version flips from 1 to 0: the boot configuration goes from 1 to 2 deployments")]
    public void The_reason_names_the_boot_version_rule(string scenario, string reason)
    {
        using var view = OstreeSysroots.View(scenario);

        Assert.Contains(reason, DryRun(view).GetProperty("boot").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_deployment_in_the_running_command_line_is_not_reused()
    {
        using var view = OstreeSysroots.View("merge-kargs");
        var running = File.ReadAllText(Path.Combine(view.Root, "proc", "cmdline")).Trim();

        var cmdline = DryRun(view).GetProperty("cmdline").GetString()!;

        var old = running.Split(' ').Single(argument => argument.StartsWith("ostree=", StringComparison.Ordinal));
        Assert.DoesNotContain(old, cmdline, StringComparison.Ordinal);
        Assert.Contains("ostree=/ostree/boot.0/", cmdline, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_initrds_follow_the_deployments_initramfs()
    {
        using var view = OstreeSysroots.View("override-kargs");

        var sources = DryRun(view).GetProperty("initrd").EnumerateArray().Select(piece => piece.GetProperty("source").GetString()!).ToList();

        Assert.Equal(2, sources.Count);
        Assert.EndsWith("/initramfs.img", sources[0], StringComparison.Ordinal);
        Assert.StartsWith("/run/ostree/staged-initrds/", sources[1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OstreeSysroots.Finalizing), MemberType = typeof(OstreeSysroots))]
    public void After_finalization_the_default_entry_is_staged_as_written(string scenario)
    {
        using var view = OstreeSysroots.View(scenario, finalized: true);

        var plan = DryRun(view);

        Assert.Equal("boot-entry", plan.GetProperty("cmdline-source").GetString());
        OstreeSysroots.Written(scenario).AssertPlanned(plan);
    }

    [Fact]
    public void A_locked_staged_deployment_is_refused_because_ostree_does_not_finalize_it()
    {
        using var view = OstreeSysroots.View("locked");

        var run = CliRun.On(TestHosts.Tree(view.Root), "stage", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is locked: ostree will not finalize it at shutdown", run.Error, StringComparison.Ordinal);
        Assert.Equal(
            File.ReadAllText(Path.Combine(OstreeSysroots.Scenario("locked"), "sysroot", "boot", "loader", "entries", "ostree-1-debian.conf")),
            File.ReadAllText(Path.Combine(OstreeSysroots.Scenario("locked"), "finalized", "boot", "loader", "entries", "ostree-1-debian.conf")));
    }

    [Theory]
    [InlineData("override-kargs", "entry")]
    [InlineData("no-flip", "machine")]
    public void On_a_booted_host_the_native_binary_plans_the_entry_finalization_writes(string scenario, string cmdline)
    {
        using var run = new TestTree();
        ExternalTool.Run("cp", "-a", Path.Combine(OstreeSysroots.Scenario(scenario), "run", "."), run.Root);

        // With the machine's /proc/cmdline there is no ostree=: the booted deployment is the one whose directory is /.
        var output = ExternalTool.Run(
            new Dictionary<string, string> { ["BOOTED_BIND"] = Path.GetDirectoryName(NativeBinary.Path)!, ["BOOTED_CMDLINE"] = cmdline },
            OstreeSysroots.Booted,
            Path.Combine(OstreeSysroots.Scenario(scenario), "sysroot"),
            run.Root,
            "/tmp/bind/bootprep",
            "stage",
            "--dry-run",
            "--json");

        OstreeSysroots.Written(scenario).AssertPlanned(JsonDocument.Parse(output).RootElement);
    }

    [Fact]
    public void Append_goes_after_the_entrys_options()
    {
        using var view = OstreeSysroots.View("merge-kargs");

        var cmdline = DryRun(view, "--append", "console=ttyS1").GetProperty("cmdline").GetString();

        Assert.Equal(OstreeSysroots.Written("merge-kargs").Options + " console=ttyS1", cmdline);
    }

    [Fact]
    public void Without_ostree_booted_a_source_is_needed()
    {
        using var tree = new TestTree().File("proc/cmdline", "root=/dev/vda\n");

        var run = CliRun.On(TestHosts.Tree(tree.Root), "stage", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("run/ostree-booted: is not there and the running command line has no composefs=: this host did not boot from a bootc deployment", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reuse_cmdline_without_a_source_is_a_usage_error()
    {
        var run = CliRun.Of("stage", "--reuse-cmdline", "--dry-run");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--reuse-cmdline needs a source", run.Error, StringComparison.Ordinal);
    }

    private static JsonElement DryRun(TestTree view, params string[] extra)
    {
        var run = CliRun.On(TestHosts.Tree(view.Root), ["stage", "--dry-run", "--json", .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement;
    }
}
