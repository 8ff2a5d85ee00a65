using System.Runtime.InteropServices;
using BootPrep.Errors;

namespace BootPrep.Native;

/// <summary>
/// .NET computes sha256 digests and reads signatures with the system's OpenSSL, which it opens only when first
/// needed; where it is missing, the runtime aborts the process (SIGABRT) instead of throwing. Commands that hash
/// ask first, so that a minimal system gets one line naming the library instead.
/// </summary>
public static class OpenSsl
{
    // The names the runtime's OpenSSL shim tries, newest first (src/native/libs/System.Security.Cryptography.Native/opensslshim.c).
    private static readonly string[] s_libraries = ["libssl.so.3", "libssl.so.1.1", "libssl.so.1.0.2", "libssl.so.1.0.0", "libssl.so.10"];

    private static readonly Lazy<bool> s_present = new(() => s_libraries.Any(name => NativeLibrary.TryLoad(name, out _)));

    /// <summary>Throws when no OpenSSL library can be loaded.</summary>
    public static void Require()
    {
        if (!s_present.Value)
        {
            throw new BootPrepException(
                BootPrepErrorKind.Unsupported,
                s_libraries[0],
                "not found: bootprep computes sha256 digests with the system's OpenSSL; install it (Debian: apt-get install libssl3)");
        }
    }
}
