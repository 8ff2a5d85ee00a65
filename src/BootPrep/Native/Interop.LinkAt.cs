using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>linkat(2) without AT_SYMLINK_FOLLOW: a link to a symbolic link links the link itself.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "linkat", SetLastError = true)]
        internal static unsafe partial int LinkAt(SafeFileHandle oldDirFd, byte* oldName, SafeFileHandle newDirFd, byte* newName, int flags);
    }
}
