using BootPrep.Tests.Support;

namespace BootPrep.Tests.Kexec;

/// <summary>
/// bootprep stage in a real machine: Debian's kernel boots in QEMU, the NativeAOT bootprep stages a kernel from an
/// image with kexec_file_load, and the serial console shows what the second kernel booted with.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class KexecVmTests
{
    [VmFact]
    public void A_vmlinuz_is_staged_and_booted_with_its_initramfs_and_the_given_cmdline()
    {
        var log = VirtualMachine.Boot($"""
            step stage bootprep stage {VirtualMachine.Images}/vmlinuz --cmdline "console=ttyS0 panic=-1 bootprep.second=vmlinuz" --exec
            """);

        Assert.Contains("BOOTPREP-BOOTED marker=image-initramfs cmdline=console=ttyS0 panic=-1 bootprep.second=vmlinuz", log, StringComparison.Ordinal);
        Assert.DoesNotContain("BOOTPREP-EXIT stage", log, StringComparison.Ordinal);
    }

    [VmFact]
    public void A_uki_from_an_oci_layout_is_split_and_booted_with_its_initrd_and_cmdline_and_addon()
    {
        var log = VirtualMachine.Boot($"""
            step stage bootprep stage oci:{VirtualMachine.Images}/uki-layout --exec
            """);

        Assert.Contains("Method: uki-split", log, StringComparison.Ordinal);
        Assert.Contains($"BOOTPREP-BOOTED marker=uki-initrd cmdline={DebianKernel.Cmdline} {DebianKernel.AddonCmdline}", log, StringComparison.Ordinal);
    }

    [VmFact]
    public void Lockdown_refuses_a_kernel_it_cannot_verify_and_status_reports_it()
    {
        var log = VirtualMachine.Boot(
            $"""
            step status bootprep status
            step stage bootprep stage {VirtualMachine.Images}/vmlinuz --cmdline console=ttyS0
            echo "BOOTPREP-LOADED $(cat /sys/kernel/kexec_loaded)"
            """,
            "lockdown=integrity");

        Assert.Contains("Lockdown: integrity", log, StringComparison.Ordinal);
        Assert.Equal(4, VirtualMachine.ExitCode(log, "stage"));
        Assert.Contains("kexec_file_load: EPERM: kernel lockdown (integrity) refuses a kernel whose signature it cannot verify", log, StringComparison.Ordinal);
        Assert.Contains("BOOTPREP-LOADED 0", log, StringComparison.Ordinal);
    }

    [VmFact]
    public void A_corrupt_kernel_is_an_image_format_error_that_keeps_the_loaded_kernel_and_unload_clears_it()
    {
        var log = VirtualMachine.Boot($"""
            step good bootprep stage {VirtualMachine.Images}/vmlinuz --cmdline console=ttyS0
            echo "BOOTPREP-LOADED after-good $(cat /sys/kernel/kexec_loaded)"
            step corrupt bootprep stage {VirtualMachine.Images}/corrupt --cmdline console=ttyS0
            echo "BOOTPREP-LOADED after-corrupt $(cat /sys/kernel/kexec_loaded)"
            step unload bootprep unload
            echo "BOOTPREP-LOADED after-unload $(cat /sys/kernel/kexec_loaded)"
            """);

        Assert.Equal((0, 5, 0), (VirtualMachine.ExitCode(log, "good"), VirtualMachine.ExitCode(log, "corrupt"), VirtualMachine.ExitCode(log, "unload")));
        Assert.Contains("kexec_file_load: ENOEXEC: the kernel does not recognise the image format", log, StringComparison.Ordinal);
        Assert.Contains("BOOTPREP-LOADED after-good 1", log, StringComparison.Ordinal);
        Assert.Contains("BOOTPREP-LOADED after-corrupt 1", log, StringComparison.Ordinal);
        Assert.Contains("BOOTPREP-LOADED after-unload 0", log, StringComparison.Ordinal);
    }
}
