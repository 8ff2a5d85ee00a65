using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>KEXEC_FILE_UNLOAD: unload the loaded kernel instead of loading one (linux/kexec.h).</summary>
        internal const ulong KEXEC_FILE_UNLOAD = 0x1;

        /// <summary>KEXEC_FILE_NO_INITRAMFS: the initrd descriptor is not used (linux/kexec.h).</summary>
        internal const ulong KEXEC_FILE_NO_INITRAMFS = 0x4;

        /// <summary>
        /// kexec_file_load(2) through syscall(2) (glibc has no wrapper). <paramref name="cmdline"/> must end in NUL;
        /// its length, NUL included, is what the kernel expects. Returns 0 or the errno.
        /// </summary>
        internal static unsafe int KexecFileLoad(long number, SafeFileHandle? kernel, SafeFileHandle? initrd, ReadOnlySpan<byte> cmdline, ulong flags)
        {
            var kernelAdded = false;
            var initrdAdded = false;
            try
            {
                kernel?.DangerousAddRef(ref kernelAdded);
                initrd?.DangerousAddRef(ref initrdAdded);
                fixed (byte* line = cmdline)
                {
                    var result = Syscall(
                        number,
                        kernel?.DangerousGetHandle() ?? -1,
                        initrd?.DangerousGetHandle() ?? -1,
                        cmdline.Length,
                        cmdline.IsEmpty ? 0 : (nint)line,
                        (nint)flags);
                    return result == 0 ? 0 : Marshal.GetLastPInvokeError();
                }
            }
            finally
            {
                if (kernelAdded)
                {
                    kernel!.DangerousRelease();
                }

                if (initrdAdded)
                {
                    initrd!.DangerousRelease();
                }
            }
        }
    }
}
