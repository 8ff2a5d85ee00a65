using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>openat(2): opens <paramref name="path"/> (NUL-terminated bytes) relative to a directory descriptor.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "openat", SetLastError = true)]
        internal static unsafe partial int OpenAt(SafeFileHandle dirFd, byte* path, int flags, int mode);

        /// <summary>openat(2) relative to the current directory, for opening an image root given on the command line.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "openat", SetLastError = true)]
        internal static unsafe partial int OpenAtCwd(int dirFd, byte* path, int flags, int mode);
    }
}
