using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>Offset of d_reclen (u16) in struct linux_dirent64.</summary>
        internal const int DirentRecordLengthOffset = 16;

        /// <summary>Offset of d_type (u8) in struct linux_dirent64.</summary>
        internal const int DirentTypeOffset = 18;

        /// <summary>Offset of d_name in struct linux_dirent64.</summary>
        internal const int DirentNameOffset = 19;

        /// <summary>getdents64(2): reads raw directory records, names as the bytes the filesystem holds.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "getdents64", SetLastError = true)]
        internal static unsafe partial nint GetDents64(SafeFileHandle fd, byte* buffer, nuint size);
    }
}
