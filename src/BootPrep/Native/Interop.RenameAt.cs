using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>renameat(2); replaces an empty directory at the new name.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "renameat", SetLastError = true)]
        internal static unsafe partial int RenameAt(SafeFileHandle oldDirFd, byte* oldName, SafeFileHandle newDirFd, byte* newName);
    }
}
