using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>AT_REMOVEDIR for unlinkat(2).</summary>
        internal const int AT_REMOVEDIR = 0x200;

        /// <summary>unlinkat(2): removes a name (a directory with <see cref="AT_REMOVEDIR"/>); never follows links.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "unlinkat", SetLastError = true)]
        internal static unsafe partial int UnlinkAt(SafeFileHandle dirFd, byte* name, int flags);
    }
}
