using System.Runtime.InteropServices;

namespace BootPrep.Native;

/// <summary>
/// Decompresses a zstd stream with Debian's libzstd, about twice as fast as the managed port, where the library is
/// installed; elsewhere (a minimal system) with ZstdSharp. <c>BOOTPREP_ZSTD=managed</c> chooses the managed one.
/// </summary>
public static class ZstdDecoder
{
    private static readonly Lazy<bool> s_native = new(() =>
        Environment.GetEnvironmentVariable("BOOTPREP_ZSTD") != "managed" && NativeLibrary.TryLoad(Interop.Libraries.Zstd, out _));

    /// <summary>True when libzstd is used.</summary>
    public static bool IsNative => s_native.Value;

    /// <summary>A stream of <paramref name="compressed"/>'s decompressed bytes; <paramref name="compressed"/> stays open.</summary>
    public static Stream Open(Stream compressed) =>
        IsNative ? new NativeZstdStream(compressed) : new ZstdSharp.DecompressionStream(compressed, leaveOpen: true);
}
