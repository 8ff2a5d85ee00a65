namespace BootPrep.Native;

internal static partial class Interop
{
    internal static class Libraries
    {
        internal const string Libc = "libc";

        /// <summary>Debian's libzstd1, opened at run time where it is installed (zstd layers fall back to a managed decoder).</summary>
        internal const string Zstd = "libzstd.so.1";
    }
}
