using System.Text.Json;
using BootPrep.Ostree;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Ostree;

/// <summary>
/// <c>bootprep stage --finalized</c>, which contrib/systemd runs after ostree-finalize-staged.service: it stages the
/// entry ostree wrote when that boots the deployment bootprep staged, and otherwise unloads (a dry run says it would).
/// </summary>
public sealed class FinalizedStageTests
{
    [Fact]
    public void The_written_entry_of_the_staged_deployment_is_staged()
    {
        var staged = StagedName("override-kargs");
        using var view = OstreeSysroots.View("override-kargs", finalized: true);
        Record(view, staged);

        var run = CliRun.On(TestHosts.Tree(view.Root), "stage", "--finalized", "--dry-run", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var plan = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(staged, plan.GetProperty("boot").GetProperty("deployment").GetString());
        Assert.Equal(OstreeSysroots.Written("override-kargs").Options, plan.GetProperty("cmdline").GetString());
    }

    [Fact]
    public void A_default_entry_of_another_deployment_unloads()
    {
        using var view = OstreeSysroots.View("merge-kargs", finalized: true);
        Record(view, "0000000000000000000000000000000000000000000000000000000000000000.0");

        var run = CliRun.On(TestHosts.Tree(view.Root), "stage", "--finalized", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not 0000000000000000000000000000000000000000000000000000000000000000.0, which bootprep staged", run.Error, StringComparison.Ordinal);
        Assert.Contains("would unload the staged kernel", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_staged_deployment_still_there_was_not_finalized()
    {
        using var view = OstreeSysroots.View("locked");
        Record(view, StagedName("locked"));

        var run = CliRun.On(TestHosts.Tree(view.Root), "stage", "--finalized", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("was not finalized", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_record_there_is_nothing_to_confirm()
    {
        using var view = OstreeSysroots.View("merge-kargs", finalized: true);

        var run = CliRun.On(TestHosts.Tree(view.Root), "stage", "--finalized", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bootprep staged no deployment before", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_with_finalized_is_a_usage_error()
    {
        var run = CliRun.Of("stage", "--finalized", "/nonexistent");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--finalized takes no source", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "yes")]
    [InlineData(true, "no")]
    public void Status_says_whether_the_staged_deployment_is_still_the_next_boot(bool another, string answer)
    {
        using var view = OstreeSysroots.View("merge-kargs");
        Record(view, another ? "0000000000000000000000000000000000000000000000000000000000000000.0" : StagedName("merge-kargs"));

        var run = CliRun.On(TestHosts.Tree(view.Root), "status");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Staged by bootprep: staged-deployment, deployment", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Staged is the next boot: {answer}", run.Output, StringComparison.Ordinal);
    }

    private static string StagedName(string scenario)
    {
        using var view = OstreeSysroots.View(scenario);
        return StagedDeployment.Read(TestHosts.Tree(view.Root))!.Target.Name;
    }

    private static void Record(TestTree view, string deployment) =>
        view.File("run/bootprep/staged", $"SOURCE=staged-deployment\nDEPLOYMENT={deployment}\nKERNEL_SHA256=00\nCMDLINE=root=/dev/vda\n");
}
