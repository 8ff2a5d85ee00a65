using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>fchownat(2), with AT_SYMLINK_NOFOLLOW so a link's own owner changes.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fchownat", SetLastError = true)]
        internal static unsafe partial int FChOwnAt(SafeFileHandle dirFd, byte* name, int uid, int gid, int flags);

        /// <summary>geteuid(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "geteuid")]
        internal static partial uint GetEUid();
    }
}
