using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>F_OFD_SETLKW (linux/fcntl.h): take an open-file-description record lock, waiting for it.</summary>
        internal const int F_OFD_SETLKW = 38;

        /// <summary>F_RDLCK: a shared (read) lock.</summary>
        internal const short F_RDLCK = 0;

        /// <summary>The size of struct flock on 64-bit Linux: l_type, l_whence (short), l_start, l_len (off_t), l_pid, padding.</summary>
        internal const int FlockSize = 32;

        /// <summary>fcntl(2) with a struct flock argument.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fcntl", SetLastError = true)]
        internal static unsafe partial int FcntlLock(SafeFileHandle fd, int command, byte* flock);
    }
}
