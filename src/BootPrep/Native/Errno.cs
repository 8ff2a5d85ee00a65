using System.Runtime.InteropServices;

namespace BootPrep.Native;

/// <summary>
/// What a system call failed with (asm-generic/errno-base.h, errno.h): the values BootPrep tells apart by name, any
/// other by its number. <see cref="None"/> is success.
/// </summary>
public enum Errno
{
    /// <summary>The call succeeded.</summary>
    None = 0,

    /// <summary>Operation not permitted.</summary>
    EPERM = 1,

    /// <summary>No such file or directory.</summary>
    ENOENT = 2,

    /// <summary>Interrupted system call.</summary>
    EINTR = 4,

    /// <summary>Exec format error.</summary>
    ENOEXEC = 8,

    /// <summary>Bad file descriptor.</summary>
    EBADF = 9,

    /// <summary>Out of memory.</summary>
    ENOMEM = 12,

    /// <summary>Device or resource busy.</summary>
    EBUSY = 16,

    /// <summary>Invalid argument.</summary>
    EINVAL = 22,

    /// <summary>Text file busy.</summary>
    ETXTBSY = 26,

    /// <summary>File too large.</summary>
    EFBIG = 27,

    /// <summary>Function not implemented.</summary>
    ENOSYS = 38,

    /// <summary>No data available.</summary>
    ENODATA = 61,

    /// <summary>Bad message.</summary>
    EBADMSG = 74,

    /// <summary>Accessing a corrupted shared library.</summary>
    ELIBBAD = 80,

    /// <summary>Required key not available.</summary>
    ENOKEY = 126,

    /// <summary>Key was rejected by service.</summary>
    EKEYREJECTED = 129,
}

/// <summary>What an <see cref="Errno"/> means, in the system's words.</summary>
public static class ErrnoText
{
    /// <summary>strerror(3) of <paramref name="errno"/>.</summary>
    public static string Describe(this Errno errno) => Marshal.GetPInvokeErrorMessage((int)errno);
}
