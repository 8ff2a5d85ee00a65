using System.Runtime.InteropServices;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>LINUX_REBOOT_CMD_KEXEC: jump into the loaded kernel (linux/reboot.h).</summary>
        internal const int LINUX_REBOOT_CMD_KEXEC = 0x45584543;

        /// <summary>reboot(2) as glibc wraps it; returns only on failure.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "reboot", SetLastError = true)]
        internal static partial int Reboot(int command);

        /// <summary>sync(2): write every filesystem's dirty data out.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "sync")]
        internal static partial void Sync();
    }
}
