using BootPrep.Files;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BootPrep.Errors;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>
/// The descriptor-level file operations BootPrep needs, over the raw syscalls: names go in and come out as bytes,
/// errno is read right after each call and turned into an <see cref="OpenFailure"/> or a <see cref="BootPrepException"/>.
/// </summary>
internal static class FileDescriptors
{
    private const int MaxOpenAt2Retries = 16;
    private const int DirentBufferSize = 32 * 1024;
    private const int MaxLinkTarget = 4096;

    private const byte DT_UNKNOWN = 0;
    private const byte DT_DIR = 4;
    private const byte DT_REG = 8;
    private const byte DT_LNK = 10;

    private const int S_IFMT = 0xF000;
    private const int S_IFDIR = 0x4000;
    private const int S_IFREG = 0x8000;
    private const int S_IFLNK = 0xA000;

    /// <summary>Opens <paramref name="hostPath"/> (a path on the host) as an O_PATH directory descriptor.</summary>
    public static unsafe SafeFileHandle OpenHostDirectory(string hostPath)
    {
        var bytes = NulTerminated(System.Text.Encoding.UTF8.GetBytes(hostPath));
        int fd;
        fixed (byte* p = bytes)
        {
            fd = Interop.Sys.OpenAtCwd(Interop.AtFlags.AT_FDCWD, p, Interop.OpenFlags.O_PATH | Interop.OpenFlags.O_DIRECTORY | Interop.OpenFlags.O_CLOEXEC, 0);
        }

        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        throw errno switch
        {
            Interop.Errno.ENOENT => new BootPrepException(BootPrepErrorKind.NotFound, hostPath, "no such file or directory"),
            Interop.Errno.ENOTDIR => new BootPrepException(BootPrepErrorKind.NotADirectory, hostPath, "not a directory: an image root must be a directory"),
            Interop.Errno.EACCES or Interop.Errno.EPERM => new BootPrepException(BootPrepErrorKind.Unreadable, hostPath, "permission denied"),
            Interop.Errno.ELOOP => new BootPrepException(BootPrepErrorKind.SymlinkLoop, hostPath, "too many levels of symbolic links"),
            _ => new BootPrepException(BootPrepErrorKind.Unreadable, hostPath, Marshal.GetPInvokeErrorMessage(errno)),
        };
    }

    /// <summary>An O_PATH descriptor of what the host path <paramref name="hostPath"/> leads to (links followed); null when nothing is there.</summary>
    public static unsafe SafeFileHandle? OpenHostPath(string hostPath)
    {
        var bytes = NulTerminated(System.Text.Encoding.UTF8.GetBytes(hostPath));
        int fd;
        fixed (byte* p = bytes)
        {
            fd = Interop.Sys.OpenAtCwd(Interop.AtFlags.AT_FDCWD, p, Interop.OpenFlags.O_PATH | Interop.OpenFlags.O_CLOEXEC, 0);
        }

        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : null;
    }

    /// <summary>openat(2) of one name (or a relative path) under <paramref name="directory"/>.</summary>
    public static OpenOutcome<NodeHandle> OpenAt(SafeFileHandle directory, ReadOnlySpan<byte> name, OpenMode mode) =>
        Node(OpenAt(directory, name, Flags(mode)), mode, fromOpenAt2: false);

    /// <summary>openat2(2) with RESOLVE_IN_ROOT: the kernel resolves <paramref name="path"/> as if <paramref name="root"/> were "/".</summary>
    public static OpenOutcome<NodeHandle> OpenInRoot(SafeFileHandle root, ReadOnlySpan<byte> path, OpenMode mode) =>
        Node(OpenInRoot(root, path, Flags(mode)), mode, fromOpenAt2: true);

    /// <summary>openat(2) of the directory <paramref name="name"/> names under <paramref name="directory"/>, never through a link.</summary>
    public static OpenOutcome<DirectoryHandle> OpenDirectoryAt(SafeFileHandle directory, ReadOnlySpan<byte> name, bool forListing)
    {
        var (handle, errno) = OpenAt(directory, name, Flags(forListing ? OpenMode.ListDirectoryNoFollow : OpenMode.DirectoryPathNoFollow));
        return handle is null ? Failed<DirectoryHandle>(errno, fromOpenAt2: false) : new(new DirectoryHandle(handle, forListing), OpenFailure.None, "");
    }

    /// <summary>Wraps an opened descriptor as the node it is, from one statx(2); a failed open becomes its <see cref="OpenFailure"/>.</summary>
    private static OpenOutcome<NodeHandle> Node((SafeFileHandle? Handle, Errno Errno) opened, OpenMode mode, bool fromOpenAt2)
    {
        if (opened.Handle is not { } handle)
        {
            return Failed<NodeHandle>(opened.Errno, fromOpenAt2);
        }

        var errno = Stat(handle, out var status);
        if (errno != Errno.None)
        {
            handle.Dispose();
            return Failed<NodeHandle>(errno, fromOpenAt2: false);
        }

        var canList = mode is not (OpenMode.Path or OpenMode.PathNoFollow or OpenMode.DirectoryPathNoFollow);
        return new(NodeHandle.Of(handle, status, canList), OpenFailure.None, "");
    }

    private static int Flags(OpenMode mode) => mode switch
    {
        OpenMode.Path => Interop.OpenFlags.O_PATH,
        OpenMode.PathNoFollow => Interop.OpenFlags.O_PATH | Interop.OpenFlags.O_NOFOLLOW,
        OpenMode.DirectoryPathNoFollow => Interop.OpenFlags.O_PATH | Interop.OpenFlags.O_NOFOLLOW | Interop.OpenFlags.O_DIRECTORY,
        OpenMode.ListDirectoryNoFollow => Interop.OpenFlags.O_RDONLY | Interop.OpenFlags.O_DIRECTORY | Interop.OpenFlags.O_NOFOLLOW,
        OpenMode.ReadFile => Interop.OpenFlags.O_RDONLY | Interop.OpenFlags.O_NONBLOCK | Interop.OpenFlags.O_NOCTTY,
        OpenMode.ReadFileNoFollow => Interop.OpenFlags.O_RDONLY | Interop.OpenFlags.O_NONBLOCK | Interop.OpenFlags.O_NOCTTY | Interop.OpenFlags.O_NOFOLLOW,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    private static unsafe (SafeFileHandle? Handle, Errno Errno) OpenAt(SafeFileHandle directory, ReadOnlySpan<byte> name, int flags)
    {
        var bytes = NulTerminated(name);
        int fd;
        fixed (byte* p = bytes)
        {
            fd = Interop.Sys.OpenAt(directory, p, flags | Interop.OpenFlags.O_CLOEXEC, 0);
        }

        return fd >= 0 ? (new SafeFileHandle(fd, ownsHandle: true), Errno.None) : (null, (Errno)Marshal.GetLastPInvokeError());
    }

    private static unsafe (SafeFileHandle? Handle, Errno Errno) OpenInRoot(SafeFileHandle root, ReadOnlySpan<byte> path, int flags)
    {
        var bytes = NulTerminated(path.IsEmpty ? "."u8 : path);
        for (var attempt = 0; ; attempt++)
        {
            int fd;
            fixed (byte* p = bytes)
            {
                fd = Interop.Sys.OpenAt2(root, p, (ulong)(flags | Interop.OpenFlags.O_CLOEXEC), Interop.Sys.RESOLVE_IN_ROOT | Interop.Sys.RESOLVE_NO_MAGICLINKS);
            }

            if (fd >= 0)
            {
                return (new SafeFileHandle(fd, ownsHandle: true), Errno.None);
            }

            var errno = Marshal.GetLastPInvokeError();
            // openat2(2): EAGAIN means a concurrent rename raced the lookup; the call may simply be retried.
            if ((errno is Interop.Errno.EAGAIN or Interop.Errno.EINTR) && attempt < MaxOpenAt2Retries)
            {
                continue;
            }

            return (null, (Errno)errno);
        }
    }

    /// <summary>statx(2) of the descriptor itself; a descriptor opened on a symbolic link reports the link.</summary>
    public static FileStatus Stat(SafeFileHandle handle, string pathForErrors) =>
        Stat(handle, out var status) is var errno and not Errno.None ? throw Unreadable(pathForErrors, (int)errno) : status;

    /// <summary>statx(2) of the descriptor itself; <see cref="Errno.None"/> when <paramref name="status"/> was read.</summary>
    private static unsafe Errno Stat(SafeFileHandle handle, out FileStatus status)
    {
        var buffer = stackalloc byte[Interop.Sys.StatxSize];
        var empty = stackalloc byte[1];
        empty[0] = 0;
        if (Interop.Sys.Statx(handle, empty, Interop.AtFlags.AT_EMPTY_PATH | Interop.AtFlags.AT_SYMLINK_NOFOLLOW, Interop.Sys.STATX_TYPE_MODE_SIZE, buffer) != 0)
        {
            status = default;
            return (Errno)Marshal.GetLastPInvokeError();
        }

        status = StatusOf(new ReadOnlySpan<byte>(buffer, Interop.Sys.StatxSize));
        return Errno.None;
    }

    /// <summary>The device and inode of what the descriptor is opened on: equal for two paths to the same directory.</summary>
    public static unsafe FileIdentity Identity(SafeFileHandle handle, string pathForErrors)
    {
        var buffer = stackalloc byte[Interop.Sys.StatxSize];
        var empty = stackalloc byte[1];
        empty[0] = 0;
        if (Interop.Sys.Statx(handle, empty, Interop.AtFlags.AT_EMPTY_PATH, Interop.Sys.STATX_INO, buffer) != 0)
        {
            throw Unreadable(pathForErrors, Marshal.GetLastPInvokeError());
        }

        var statx = new ReadOnlySpan<byte>(buffer, Interop.Sys.StatxSize);
        return new FileIdentity(
            ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(statx[Interop.Sys.StatxDeviceOffset..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(statx[(Interop.Sys.StatxDeviceOffset + 4)..]),
            BinaryPrimitives.ReadUInt64LittleEndian(statx[Interop.Sys.StatxInodeOffset..]));
    }

    /// <summary>readlinkat(2) of an O_PATH descriptor opened on a symbolic link.</summary>
    public static unsafe byte[] ReadLink(SafeFileHandle link, string pathForErrors)
    {
        var buffer = stackalloc byte[MaxLinkTarget];
        var empty = stackalloc byte[1];
        empty[0] = 0;
        var length = Interop.Sys.ReadLinkAt(link, empty, buffer, MaxLinkTarget);
        if (length < 0)
        {
            throw Unreadable(pathForErrors, Marshal.GetLastPInvokeError());
        }

        return new ReadOnlySpan<byte>(buffer, (int)length).ToArray();
    }

    /// <summary>Lists a directory opened O_RDONLY|O_DIRECTORY with getdents64(2), skipping "." and "..".</summary>
    public static unsafe List<DirectoryEntry> ReadDirectory(SafeFileHandle directory, string pathForErrors)
    {
        var entries = new List<DirectoryEntry>();
        var buffer = ArrayPool<byte>.Shared.Rent(DirentBufferSize);
        try
        {
            while (true)
            {
                nint read;
                fixed (byte* p = buffer)
                {
                    read = Interop.Sys.GetDents64(directory, p, (nuint)DirentBufferSize);
                }

                if (read < 0)
                {
                    throw Unreadable(pathForErrors, Marshal.GetLastPInvokeError());
                }

                if (read == 0)
                {
                    return entries;
                }

                ParseDirents(buffer.AsSpan(0, (int)read), directory, pathForErrors, entries);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ParseDirents(ReadOnlySpan<byte> records, SafeFileHandle directory, string pathForErrors, List<DirectoryEntry> entries)
    {
        var offset = 0;
        while (offset + Interop.Sys.DirentNameOffset < records.Length)
        {
            var recordLength = BinaryPrimitives.ReadUInt16LittleEndian(records[(offset + Interop.Sys.DirentRecordLengthOffset)..]);
            if (recordLength <= Interop.Sys.DirentNameOffset || offset + recordLength > records.Length)
            {
                throw new BootPrepException(BootPrepErrorKind.Unreadable, pathForErrors, "the kernel returned a malformed directory record");
            }

            var record = records.Slice(offset, recordLength);
            var nameField = record[Interop.Sys.DirentNameOffset..];
            var terminator = nameField.IndexOf((byte)0);
            var name = terminator < 0 ? nameField : nameField[..terminator];
            offset += recordLength;

            if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
            {
                continue;
            }

            var type = record[Interop.Sys.DirentTypeOffset];
            var kind = type == DT_UNKNOWN ? StatEntry(directory, name, pathForErrors) : KindFromDirentType(type);
            entries.Add(new DirectoryEntry(name.ToArray(), kind));
        }
    }

    private static EntryKind StatEntry(SafeFileHandle directory, ReadOnlySpan<byte> name, string pathForErrors) =>
        StatAt(directory, name, pathForErrors)?.Kind ?? throw new BootPrepException(BootPrepErrorKind.Unreadable, pathForErrors, "an entry vanished while the directory was read");

    /// <summary>statx(2) of <paramref name="name"/> in <paramref name="directory"/>, not following it; null when it is not there.</summary>
    public static unsafe FileStatus? StatAt(SafeFileHandle directory, ReadOnlySpan<byte> name, string pathForErrors)
    {
        var buffer = stackalloc byte[Interop.Sys.StatxSize];
        fixed (byte* p = NulTerminated(name))
        {
            if (Interop.Sys.Statx(directory, p, Interop.AtFlags.AT_SYMLINK_NOFOLLOW, Interop.Sys.STATX_TYPE_MODE_SIZE, buffer) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno is Interop.Errno.ENOENT or Interop.Errno.ENOTDIR ? null : throw Unreadable(pathForErrors, errno);
            }
        }

        return StatusOf(new ReadOnlySpan<byte>(buffer, Interop.Sys.StatxSize));
    }

    private static FileStatus StatusOf(ReadOnlySpan<byte> statx)
    {
        var kind = KindFromMode(BinaryPrimitives.ReadUInt16LittleEndian(statx[Interop.Sys.StatxModeOffset..]));
        return new FileStatus(kind, kind == EntryKind.Regular ? BinaryPrimitives.ReadInt64LittleEndian(statx[Interop.Sys.StatxSizeOffset..]) : 0);
    }

    private static EntryKind KindFromMode(int mode) => (mode & S_IFMT) switch
    {
        S_IFREG => EntryKind.Regular,
        S_IFDIR => EntryKind.Directory,
        S_IFLNK => EntryKind.Symlink,
        _ => EntryKind.Other,
    };

    private static EntryKind KindFromDirentType(byte type) => type switch
    {
        DT_REG => EntryKind.Regular,
        DT_DIR => EntryKind.Directory,
        DT_LNK => EntryKind.Symlink,
        _ => EntryKind.Other,
    };

    private static OpenOutcome<THandle> Failed<THandle>(Errno errno, bool fromOpenAt2)
        where THandle : NodeHandle
    {
        var failure = (int)errno switch
        {
            Interop.Errno.ENOENT or Interop.Errno.ENOTDIR => OpenFailure.NotFound,
            Interop.Errno.ELOOP => OpenFailure.Loop,
            Interop.Errno.ENOSYS => OpenFailure.Unsupported,
            // Container runtimes' seccomp filters answer EPERM for syscalls they do not know, openat2 among them.
            Interop.Errno.EPERM when fromOpenAt2 => OpenFailure.Unsupported,
            Interop.Errno.EACCES or Interop.Errno.EPERM => OpenFailure.AccessDenied,
            _ => OpenFailure.Other,
        };
        return new OpenOutcome<THandle>(null, failure, errno.Describe());
    }

    private static BootPrepException Unreadable(string path, int errno) =>
        new(BootPrepErrorKind.Unreadable, path, Marshal.GetPInvokeErrorMessage(errno));

    /// <summary>The bytes with a NUL after them, as C strings are passed.</summary>
    public static byte[] NulTerminated(ReadOnlySpan<byte> bytes)
    {
        var result = new byte[bytes.Length + 1];
        bytes.CopyTo(result);
        return result;
    }
}
