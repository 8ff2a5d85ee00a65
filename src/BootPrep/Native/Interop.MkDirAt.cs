using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>mkdirat(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "mkdirat", SetLastError = true)]
        internal static unsafe partial int MkDirAt(SafeFileHandle dirFd, byte* name, int mode);
    }
}
