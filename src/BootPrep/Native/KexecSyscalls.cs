using System.Runtime.InteropServices;
using System.Text;

namespace BootPrep.Native;

/// <summary>The kexec system calls, with their failures as an <see cref="Errno"/>: load, unload, and reboot into the loaded kernel.</summary>
public static class KexecSyscalls
{
    /// <summary>
    /// kexec_file_load(2) of the sealed memory files <paramref name="kernel"/> and <paramref name="initrd"/> (none:
    /// KEXEC_FILE_NO_INITRAMFS) with <paramref name="cmdline"/>, through syscall <paramref name="number"/>.
    /// </summary>
    internal static Errno Load(int number, MemoryFile kernel, MemoryFile? initrd, string cmdline)
    {
        var line = Encoding.UTF8.GetBytes(cmdline + "\0");
        var flags = initrd is null ? Interop.Sys.KEXEC_FILE_NO_INITRAMFS : 0;
        return (Errno)Interop.Sys.KexecFileLoad(number, kernel.ReadOnlyDescriptor(), initrd?.ReadOnlyDescriptor(), line, flags);
    }

    /// <summary>kexec_file_load(2) with KEXEC_FILE_UNLOAD: drops the loaded kernel (nothing happens when none is).</summary>
    public static Errno Unload(int number) => (Errno)Interop.Sys.KexecFileLoad(number, null, null, [], Interop.Sys.KEXEC_FILE_UNLOAD);

    /// <summary>sync(2), then reboot(2) into the loaded kernel; returns only when that failed, with why.</summary>
    public static Errno RebootIntoLoaded()
    {
        Interop.Sys.Sync();
        Interop.Sys.Reboot(Interop.Sys.LINUX_REBOOT_CMD_KEXEC);
        return (Errno)Marshal.GetLastPInvokeError();
    }
}
