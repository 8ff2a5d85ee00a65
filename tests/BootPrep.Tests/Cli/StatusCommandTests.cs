using BootPrep.Tests.Support;
using Snapshooter;
using Snapshooter.Xunit;

namespace BootPrep.Tests.Cli;

/// <summary>bootprep status on a host whose /proc and /sys are a tree the test writes.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly TestTree _host = new();

    public StatusCommandTests()
    {
        _host.File("sys/kernel/kexec_loaded", "1\n")
            .File("sys/kernel/kexec_crash_loaded", "0\n")
            .File("sys/kernel/security/lockdown", "none [integrity] confidentiality\n")
            .File("sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c", [6, 0, 0, 0, 1])
            .File("proc/self/status", "Name:\tbootprep\nCapEff:\t000001ffffffffff\n")
            .File("proc/sys/kernel/kexec_load_disabled", "0\n");
    }

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("json")]
    [InlineData("human")]
    [InlineData("yaml")]
    public void Status_of_a_host_tree_matches_its_snapshot(string format)
    {
        var run = CliRun.On(TestHosts.Tree(_host.Root, "arm64"), "status", "--format", format);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Snapshot.Match(run.Output, SnapshotNameExtension.Create(format));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("human")]
    public void Status_shows_what_bootprep_staged(string format)
    {
        _host.File("run/bootprep/staged", "SOURCE=oci:/images/os:latest\nKERNEL_SHA256=26f2e57c99338feaf71c46fa4babdc7e1a6c115943002d109fdb746667104f5f\nCMDLINE=root=/dev/vda console=ttyS0\n");

        var run = CliRun.On(TestHosts.Tree(_host.Root, "arm64"), "status", "--format", format);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Snapshot.Match(run.Output, SnapshotNameExtension.Create(format));
    }
}
