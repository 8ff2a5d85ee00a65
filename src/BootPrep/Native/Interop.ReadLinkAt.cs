using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>readlinkat(2); with an empty path it reads the link an O_PATH descriptor refers to.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "readlinkat", SetLastError = true)]
        internal static unsafe partial nint ReadLinkAt(SafeFileHandle dirFd, byte* path, byte* buffer, nuint size);
    }
}
