using System.Runtime.InteropServices;
using System.Text;
using BootPrep.Errors;
using BootPrep.Native;

namespace BootPrep.Kexec;

/// <summary>The three kexec operations on the running kernel: load, unload, and jump into the loaded kernel.</summary>
internal static class KexecCalls
{
    /// <summary>Loads <paramref name="kernel"/>, with <paramref name="initrd"/> when there is one; returns 0 or the errno.</summary>
    public static int TryLoad(int syscallNumber, LoadFile kernel, LoadFile? initrd, string cmdline)
    {
        var line = Encoding.UTF8.GetBytes(cmdline + "\0");
        var flags = initrd is null ? Interop.Sys.KEXEC_FILE_NO_INITRAMFS : 0;
        return Interop.Sys.KexecFileLoad(syscallNumber, kernel.Seal(), initrd?.Seal(), line, flags);
    }

    /// <summary>Unloads the loaded kernel (a no-op when none is loaded).</summary>
    public static void Unload(KexecFacts facts)
    {
        var number = RequireSyscall(facts);
        var errno = Interop.Sys.KexecFileLoad(number, null, null, [], Interop.Sys.KEXEC_FILE_UNLOAD);
        if (errno != 0)
        {
            throw KexecFailures.Classify(errno, facts, "kexec");
        }
    }

    /// <summary>Writes dirty data out and reboots into the loaded kernel; returns only by throwing.</summary>
    public static void Execute()
    {
        Interop.Sys.Sync();
        Interop.Sys.Reboot(Interop.Sys.LINUX_REBOOT_CMD_KEXEC);
        var errno = Marshal.GetLastPInvokeError();
        throw new BootPrepException(
            errno == Interop.Errno.EPERM ? BootPrepErrorKind.KexecNotPermitted : BootPrepErrorKind.KexecFailed,
            "kexec",
            $"reboot(LINUX_REBOOT_CMD_KEXEC) failed: {Marshal.GetPInvokeErrorMessage(errno)}; the kernel stays loaded for the next 'systemctl kexec'");
    }

    /// <summary>kexec_file_load's number here, or an error where BootPrep has none.</summary>
    public static int RequireSyscall(KexecFacts facts) => facts.SyscallNumber
        ?? throw new BootPrepException(BootPrepErrorKind.Unsupported, "kexec", $"kexec_file_load is supported on x86_64 and aarch64, not on {facts.Architecture}");
}
