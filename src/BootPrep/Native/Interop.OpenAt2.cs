using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>openat2(2) is 437 on every architecture (it came after the syscall table unification).</summary>
        internal const long SYS_openat2 = 437;

        /// <summary>RESOLVE_NO_MAGICLINKS: refuse /proc/self/fd-style links (linux/openat2.h).</summary>
        internal const ulong RESOLVE_NO_MAGICLINKS = 0x02;

        /// <summary>RESOLVE_IN_ROOT: resolve as if the directory descriptor were "/" (linux/openat2.h).</summary>
        internal const ulong RESOLVE_IN_ROOT = 0x10;

        /// <summary>struct open_how from linux/openat2.h.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct OpenHow
        {
            internal ulong Flags;
            internal ulong Mode;
            internal ulong Resolve;
        }

        /// <summary>openat2(2) through syscall(2): glibc has no wrapper before 2.40.</summary>
        internal static unsafe int OpenAt2(SafeFileHandle dirFd, byte* path, ulong flags, ulong resolve)
        {
            var how = new OpenHow { Flags = flags, Resolve = resolve };
            var added = false;
            try
            {
                dirFd.DangerousAddRef(ref added);
                return (int)Syscall(SYS_openat2, dirFd.DangerousGetHandle(), (nint)path, (nint)(&how), sizeof(OpenHow));
            }
            finally
            {
                if (added)
                {
                    dirFd.DangerousRelease();
                }
            }
        }
    }
}
