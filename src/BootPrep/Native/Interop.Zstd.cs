using System.Runtime.InteropServices;

namespace BootPrep.Native;

internal static partial class Interop
{
    /// <summary>libzstd's streaming decompression (zstd.h): a DStream fed ZSTD_inBuffer and drained into ZSTD_outBuffer.</summary>
    internal static partial class Zstd
    {
        [LibraryImport(Libraries.Zstd, EntryPoint = "ZSTD_createDStream")]
        internal static partial nint CreateDStream();

        [LibraryImport(Libraries.Zstd, EntryPoint = "ZSTD_freeDStream")]
        internal static partial nuint FreeDStream(nint stream);

        /// <summary>Returns 0 when a frame is complete, a hint of input still wanted, or an error code.</summary>
        [LibraryImport(Libraries.Zstd, EntryPoint = "ZSTD_decompressStream")]
        internal static unsafe partial nuint DecompressStream(nint stream, Buffer* output, Buffer* input);

        [LibraryImport(Libraries.Zstd, EntryPoint = "ZSTD_isError")]
        internal static partial uint IsError(nuint code);

        [LibraryImport(Libraries.Zstd, EntryPoint = "ZSTD_getErrorName")]
        internal static partial nint GetErrorName(nuint code);

        /// <summary>ZSTD_inBuffer and ZSTD_outBuffer, which share one layout: data, size, position.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct Buffer
        {
            public byte* Data;
            public nuint Size;
            public nuint Position;
        }
    }
}
