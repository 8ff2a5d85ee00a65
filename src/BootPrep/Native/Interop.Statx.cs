using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>STATX_TYPE | STATX_MODE | STATX_SIZE (linux/stat.h).</summary>
        internal const uint STATX_TYPE_MODE_SIZE = 0x1 | 0x2 | 0x200;

        /// <summary>STATX_INO (linux/stat.h); the device is always filled in.</summary>
        internal const uint STATX_INO = 0x100;

        /// <summary>Offset of stx_ino (u64) in struct statx.</summary>
        internal const int StatxInodeOffset = 32;

        /// <summary>Offset of stx_dev_major and stx_dev_minor (u32 each) in struct statx.</summary>
        internal const int StatxDeviceOffset = 136;

        /// <summary>The size of struct statx; its layout is the same on every architecture.</summary>
        internal const int StatxSize = 256;

        /// <summary>Offset of stx_mode (u16) in struct statx.</summary>
        internal const int StatxModeOffset = 28;

        /// <summary>Offset of stx_size (u64) in struct statx.</summary>
        internal const int StatxSizeOffset = 40;

        /// <summary>statx(2) into a <see cref="StatxSize"/>-byte buffer.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "statx", SetLastError = true)]
        internal static unsafe partial int Statx(SafeFileHandle dirFd, byte* path, int flags, uint mask, byte* buffer);
    }
}
