using BootPrep.Files;
using System.Runtime.InteropServices;
using BootPrep.Errors;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>
/// The descriptor-relative writes an unpack needs. Every call names one entry of a directory descriptor, never a
/// path, and none follows a symbolic link, so nothing can be written outside the directory tree it starts from.
/// </summary>
internal static class FileWrites
{
    private const int EEXIST = 17;
    private const int S_IFIFO = 0x1000;
    private const int S_IFCHR = 0x2000;
    private const int S_IFBLK = 0x6000;

    /// <summary>The type of <paramref name="name"/> in <paramref name="directory"/> without following it; null when absent.</summary>
    public static EntryKind? Lstat(SafeFileHandle directory, byte[] name, string display) =>
        FileDescriptors.StatAt(directory, name, display)?.Kind;

    /// <summary>mkdirat(2); false when the name already exists.</summary>
    public static unsafe bool MakeDirectory(SafeFileHandle directory, byte[] name, int mode, string display)
    {
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            if (Interop.Sys.MkDirAt(directory, p, mode) == 0)
            {
                return true;
            }
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == EEXIST ? false : throw Failed(display, errno);
    }

    /// <summary>Creates a new regular file (never through a link, never over an existing name) and opens it for writing.</summary>
    public static unsafe SafeFileHandle CreateFile(SafeFileHandle directory, byte[] name, string display)
    {
        int fd;
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            fd = Interop.Sys.OpenAt(directory, p, 0x1 | 0x40 | 0x80 | Interop.OpenFlags.O_NOFOLLOW | Interop.OpenFlags.O_CLOEXEC, 0x180); // O_WRONLY|O_CREAT|O_EXCL, 0600
        }

        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Failed(display, Marshal.GetLastPInvokeError());
    }

    /// <summary>symlinkat(2).</summary>
    public static unsafe void Symlink(byte[] target, SafeFileHandle directory, byte[] name, string display)
    {
        fixed (byte* t = FileDescriptors.NulTerminated(target))
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.SymlinkAt(t, directory, p), display);
        }
    }

    /// <summary>linkat(2): a second name for an existing file.</summary>
    public static unsafe void Link(SafeFileHandle oldDirectory, byte[] oldName, SafeFileHandle newDirectory, byte[] newName, string display)
    {
        fixed (byte* o = FileDescriptors.NulTerminated(oldName))
        fixed (byte* n = FileDescriptors.NulTerminated(newName))
        {
            Check(Interop.Sys.LinkAt(oldDirectory, o, newDirectory, n, 0), display);
        }
    }

    /// <summary>mknodat(2) of a FIFO, or of a character or block device.</summary>
    public static unsafe void MakeNode(SafeFileHandle directory, byte[] name, SpecialFileKind kind, int mode, int major, int minor, string display)
    {
        var type = kind switch { SpecialFileKind.Fifo => S_IFIFO, SpecialFileKind.CharacterDevice => S_IFCHR, _ => S_IFBLK };
        // makedev(3) on Linux.
        var device = ((ulong)(uint)major & 0xfff) << 8 | ((ulong)(uint)major & ~0xfffUL) << 32 | ((ulong)(uint)minor & 0xff) | ((ulong)(uint)minor & ~0xffUL) << 12;
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.MkNodAt(directory, p, type | mode, device), display);
        }
    }

    /// <summary>fchmodat(2) of a name that is not a link.</summary>
    public static unsafe void ChangeMode(SafeFileHandle directory, byte[] name, int mode, string display)
    {
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.FChModAt(directory, p, mode, 0), display);
        }
    }

    /// <summary>fchownat(2) of the name itself, link or not.</summary>
    public static unsafe void ChangeOwner(SafeFileHandle directory, byte[] name, long uid, long gid, string display)
    {
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.FChOwnAt(directory, p, (int)uid, (int)gid, Interop.AtFlags.AT_SYMLINK_NOFOLLOW), display);
        }
    }

    /// <summary>Sets the modification time of the name itself, link or not; the access time stays.</summary>
    public static unsafe void SetModificationTime(SafeFileHandle directory, byte[] name, long seconds, string display)
    {
        var times = stackalloc long[4] { 0, Interop.Sys.UTIME_OMIT, seconds, 0 };
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.UtimensAt(directory, p, times, Interop.AtFlags.AT_SYMLINK_NOFOLLOW), display);
        }
    }

    /// <summary>renameat(2).</summary>
    public static unsafe void Rename(SafeFileHandle oldDirectory, byte[] oldName, SafeFileHandle newDirectory, byte[] newName, string display)
    {
        fixed (byte* o = FileDescriptors.NulTerminated(oldName))
        fixed (byte* n = FileDescriptors.NulTerminated(newName))
        {
            Check(Interop.Sys.RenameAt(oldDirectory, o, newDirectory, n), display);
        }
    }

    /// <summary>Removes <paramref name="name"/> and, for a directory, everything in it, without ever following a link.</summary>
    public static unsafe void RemoveTree(SafeFileHandle directory, byte[] name, string display)
    {
        var kind = Lstat(directory, name, display);
        if (kind is null)
        {
            return;
        }

        if (kind == EntryKind.Directory)
        {
            var opened = FileDescriptors.OpenAt(directory, name, OpenMode.ListDirectoryNoFollow);
            using var child = opened.Handle ?? throw new BootPrepException(BootPrepErrorKind.WriteFailed, display, opened.Message);
            foreach (var entry in FileDescriptors.ReadDirectory(child, display))
            {
                RemoveTree(child, entry.RawName, $"{display}/{entry.DisplayName}");
            }
        }

        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.UnlinkAt(directory, p, kind == EntryKind.Directory ? Interop.Sys.AT_REMOVEDIR : 0), display);
        }
    }

    /// <summary>True when this process runs as root and may set owners and make device nodes.</summary>
    public static bool IsRoot => Interop.Sys.GetEUid() == 0;

    private static void Check(int result, string display)
    {
        if (result != 0)
        {
            throw Failed(display, Marshal.GetLastPInvokeError());
        }
    }

    private static BootPrepException Failed(string display, int errno) =>
        new(BootPrepErrorKind.WriteFailed, display, Marshal.GetPInvokeErrorMessage(errno));
}
