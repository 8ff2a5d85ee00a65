using System.Runtime.InteropServices;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>syscall(2) with four integer arguments; the variadic call is safe for integer-only arguments on x86_64 and aarch64.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        internal static partial long Syscall(long number, nint arg1, nint arg2, nint arg3, nint arg4);

        /// <summary>syscall(2) with five integer arguments.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        internal static partial long Syscall(long number, nint arg1, nint arg2, nint arg3, nint arg4, nint arg5);
    }
}
