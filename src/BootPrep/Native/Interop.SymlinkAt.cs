using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>symlinkat(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "symlinkat", SetLastError = true)]
        internal static unsafe partial int SymlinkAt(byte* target, SafeFileHandle dirFd, byte* name);
    }
}
