using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>UTIME_OMIT for a timespec's tv_nsec: leave that time as it is.</summary>
        internal const long UTIME_OMIT = (1L << 30) - 2;

        /// <summary>utimensat(2); <paramref name="times"/> points at two timespecs (access, modification) of two longs each.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "utimensat", SetLastError = true)]
        internal static unsafe partial int UtimensAt(SafeFileHandle dirFd, byte* name, long* times, int flags);
    }
}
