using BootPrep.Errors;
using BootPrep.Native;

namespace BootPrep.Kexec;

/// <summary>The three kexec operations on the running kernel: load, unload, and jump into the loaded kernel.</summary>
internal static class KexecCalls
{
    /// <summary>Loads <paramref name="kernel"/>, with <paramref name="initrd"/> when there is one; returns why it failed, or <see cref="Errno.None"/>.</summary>
    public static Errno TryLoad(int syscallNumber, LoadFile kernel, LoadFile? initrd, string cmdline) =>
        KexecSyscalls.Load(syscallNumber, kernel.File, initrd?.File, cmdline);

    /// <summary>Unloads the loaded kernel (a no-op when none is loaded).</summary>
    public static void Unload(KexecFacts facts)
    {
        if (KexecSyscalls.Unload(RequireSyscall(facts)) is not Errno.None and var errno)
        {
            throw KexecFailures.Classify(errno, facts, "kexec");
        }
    }

    /// <summary>Writes dirty data out and reboots into the loaded kernel; returns only by throwing.</summary>
    public static void Execute()
    {
        var errno = KexecSyscalls.RebootIntoLoaded();
        throw new BootPrepException(
            errno == Errno.EPERM ? BootPrepErrorKind.KexecNotPermitted : BootPrepErrorKind.KexecFailed,
            "kexec",
            $"reboot(LINUX_REBOOT_CMD_KEXEC) failed: {errno.Describe()}; the kernel stays loaded for the next 'systemctl kexec'");
    }

    /// <summary>kexec_file_load's number here, or an error where BootPrep has none.</summary>
    public static int RequireSyscall(KexecFacts facts) => facts.SyscallNumber
        ?? throw new BootPrepException(BootPrepErrorKind.Unsupported, "kexec", $"kexec_file_load is supported on x86_64 and aarch64, not on {facts.Architecture}");
}
