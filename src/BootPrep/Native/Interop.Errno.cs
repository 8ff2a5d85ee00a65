namespace BootPrep.Native;

internal static partial class Interop
{
    /// <summary>The errno values BootPrep tells apart (asm-generic/errno-base.h, errno.h).</summary>
    internal static class Errno
    {
        internal const int EPERM = 1;
        internal const int ENOENT = 2;
        internal const int EINTR = 4;
        internal const int ENOEXEC = 8;
        internal const int EBADF = 9;
        internal const int EAGAIN = 11;
        internal const int ENOMEM = 12;
        internal const int EACCES = 13;
        internal const int EBUSY = 16;
        internal const int ENOTDIR = 20;
        internal const int EINVAL = 22;
        internal const int ETXTBSY = 26;
        internal const int EFBIG = 27;
        internal const int ENOSYS = 38;
        internal const int ELOOP = 40;
        internal const int ENODATA = 61;
        internal const int EBADMSG = 74;
        internal const int ELIBBAD = 80;
        internal const int ENOKEY = 126;
        internal const int EKEYREJECTED = 129;
    }

    /// <summary>The open(2) flags BootPrep uses; identical on x86_64 and aarch64 (asm-generic/fcntl.h).</summary>
    internal static class OpenFlags
    {
        internal const int O_RDONLY = 0x0;
        internal const int O_NOCTTY = 0x100;
        internal const int O_NONBLOCK = 0x800;
        internal const int O_DIRECTORY = 0x10000;
        internal const int O_NOFOLLOW = 0x20000;
        internal const int O_CLOEXEC = 0x80000;
        internal const int O_PATH = 0x200000;
    }

    /// <summary>The *at(2) flags BootPrep uses (linux/fcntl.h).</summary>
    internal static class AtFlags
    {
        internal const int AT_FDCWD = -100;
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;
        internal const int AT_EMPTY_PATH = 0x1000;
    }
}
