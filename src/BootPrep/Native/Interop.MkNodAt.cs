using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>mknodat(2) for FIFOs and device nodes.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "mknodat", SetLastError = true)]
        internal static unsafe partial int MkNodAt(SafeFileHandle dirFd, byte* name, int mode, ulong device);
    }
}
