using System.Diagnostics;

namespace BootPrep.Tests.Support;

/// <summary>A test that boots a QEMU virtual machine; skipped, saying why, only where qemu-system-x86_64 cannot run at all.</summary>
public sealed class VmFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_unavailable = new(Probe);

    public VmFactAttribute()
    {
        if (s_unavailable.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        try
        {
            using var qemu = Process.Start(new ProcessStartInfo(VirtualMachine.Qemu, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            qemu.StandardOutput.ReadToEnd();
            qemu.WaitForExit();
            return qemu.ExitCode == 0 ? null : $"{VirtualMachine.Qemu} --version failed (exit {qemu.ExitCode}); .ci/run installs qemu-system-x86";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{VirtualMachine.Qemu} cannot run here; .ci/run installs it (apt-get install qemu-system-x86)";
        }
    }
}
