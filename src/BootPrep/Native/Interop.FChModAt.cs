using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>fchmodat(2); BootPrep calls it only on names it just made, never on links.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fchmodat", SetLastError = true)]
        internal static unsafe partial int FChModAt(SafeFileHandle dirFd, byte* name, int mode, int flags);
    }
}
