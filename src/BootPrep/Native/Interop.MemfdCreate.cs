using System.Runtime.InteropServices;

namespace BootPrep.Native;

internal static partial class Interop
{
    internal static partial class Sys
    {
        /// <summary>MFD_CLOEXEC (linux/memfd.h).</summary>
        internal const uint MFD_CLOEXEC = 0x1;

        /// <summary>memfd_create(2): an anonymous file in memory, gone when its last descriptor closes.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int MemfdCreate(string name, uint flags);
    }
}
