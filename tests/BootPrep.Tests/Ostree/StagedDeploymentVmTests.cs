using BootPrep.Tests.Support;

namespace BootPrep.Tests.Ostree;

/// <summary>
/// A kexec into a staged ostree deployment in a real machine: Debian's kernel boots in QEMU with the ostree=
/// of the booted deployment of a real sysroot (Debian's ostree staged the next one, with override kargs and an
/// overlay initrd), /sysroot, /boot and /run laid out as on that host; the NativeAOT bootprep stages without a
/// source and executes; the second kernel prints the marker of the last initrd it got and its command line.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class StagedDeploymentVmTests
{
    [VmFact]
    public void The_second_kernel_boots_the_staged_deployment_with_the_entry_finalization_writes()
    {
        using var tree = new TestTree();
        var scenario = OstreeSysroots.Scenario("override-kargs");
        ExternalTool.Run("cp", "-a", Path.Combine(scenario, "sysroot"), Path.Combine(scenario, "run"), tree.Root);
        tree.Symlink("boot", "/sysroot/boot");

        var log = VirtualMachine.Boot(
            """
            step plan bootprep stage --dry-run
            step stage bootprep stage --exec
            """,
            File.ReadAllText(Path.Combine(scenario, "cmdline")).Trim(),
            tree.Root);

        Assert.Equal(0, VirtualMachine.ExitCode(log, "plan"));
        Assert.Contains($"BOOTPREP-BOOTED marker=overlay-initrd cmdline={OstreeSysroots.Written("override-kargs").Options}", log, StringComparison.Ordinal);
        Assert.DoesNotContain("BOOTPREP-EXIT stage", log, StringComparison.Ordinal);
    }
}
