using BootPrep.Files;
using System.Runtime.InteropServices;
using BootPrep.Errors;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>
/// The writes an unpack makes beneath a directory. Every call names one entry of this directory, never a path, and
/// none follows a symbolic link, so nothing can be written outside the directory tree it starts from.
/// </summary>
internal sealed partial class DirectoryHandle
{
    private const int EEXIST = 17;
    private const int S_IFIFO = 0x1000;
    private const int S_IFCHR = 0x2000;
    private const int S_IFBLK = 0x6000;

    /// <summary>mkdirat(2); false when the name already exists.</summary>
    public unsafe bool MakeDirectory(byte[] name, int mode, string display)
    {
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            if (Interop.Sys.MkDirAt(Descriptor, p, mode) == 0)
            {
                return true;
            }
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == EEXIST ? false : throw Failed(display, errno);
    }

    /// <summary>
    /// Creates a new regular file <paramref name="name"/> (never through a link, never over an existing name) and
    /// returns a stream that writes it; the stream owns the descriptor.
    /// </summary>
    public unsafe Stream CreateFile(byte[] name, string display)
    {
        int fd;
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            fd = Interop.Sys.OpenAt(Descriptor, p, 0x1 | 0x40 | 0x80 | Interop.OpenFlags.O_NOFOLLOW | Interop.OpenFlags.O_CLOEXEC, 0x180); // O_WRONLY|O_CREAT|O_EXCL, 0600
        }

        return fd >= 0
            ? new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0)
            : throw Failed(display, Marshal.GetLastPInvokeError());
    }

    /// <summary>symlinkat(2): <paramref name="name"/> becomes a symbolic link to <paramref name="target"/>.</summary>
    public unsafe void Symlink(byte[] name, byte[] target, string display)
    {
        fixed (byte* t = FileDescriptors.NulTerminated(target))
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.SymlinkAt(t, Descriptor, p), display);
        }
    }

    /// <summary>linkat(2): <paramref name="name"/> becomes a second name for <paramref name="targetName"/> in <paramref name="targetDirectory"/>.</summary>
    public unsafe void Link(byte[] name, DirectoryHandle targetDirectory, byte[] targetName, string display)
    {
        fixed (byte* o = FileDescriptors.NulTerminated(targetName))
        fixed (byte* n = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.LinkAt(targetDirectory.Descriptor, o, Descriptor, n, 0), display);
        }
    }

    /// <summary>mknodat(2) of a FIFO, or of a character or block device.</summary>
    public unsafe void MakeNode(byte[] name, SpecialFileKind kind, int mode, int major, int minor, string display)
    {
        var type = kind switch { SpecialFileKind.Fifo => S_IFIFO, SpecialFileKind.CharacterDevice => S_IFCHR, _ => S_IFBLK };
        // makedev(3) on Linux.
        var device = ((ulong)(uint)major & 0xfff) << 8 | ((ulong)(uint)major & ~0xfffUL) << 32 | ((ulong)(uint)minor & 0xff) | ((ulong)(uint)minor & ~0xffUL) << 12;
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.MkNodAt(Descriptor, p, type | mode, device), display);
        }
    }

    /// <summary>fchmodat(2) of a name that is not a link.</summary>
    public unsafe void ChangeMode(byte[] name, int mode, string display)
    {
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.FChModAt(Descriptor, p, mode, 0), display);
        }
    }

    /// <summary>fchownat(2) of the name itself, link or not.</summary>
    public unsafe void ChangeOwner(byte[] name, long uid, long gid, string display)
    {
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.FChOwnAt(Descriptor, p, (int)uid, (int)gid, Interop.AtFlags.AT_SYMLINK_NOFOLLOW), display);
        }
    }

    /// <summary>Sets the modification time of the name itself, link or not; the access time stays.</summary>
    public unsafe void SetModificationTime(byte[] name, long seconds, string display)
    {
        var times = stackalloc long[4] { 0, Interop.Sys.UTIME_OMIT, seconds, 0 };
        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.UtimensAt(Descriptor, p, times, Interop.AtFlags.AT_SYMLINK_NOFOLLOW), display);
        }
    }

    /// <summary>renameat(2): <paramref name="name"/> in this directory becomes <paramref name="newName"/> in <paramref name="newDirectory"/>.</summary>
    public unsafe void Rename(byte[] name, DirectoryHandle newDirectory, byte[] newName, string display)
    {
        fixed (byte* o = FileDescriptors.NulTerminated(name))
        fixed (byte* n = FileDescriptors.NulTerminated(newName))
        {
            Check(Interop.Sys.RenameAt(Descriptor, o, newDirectory.Descriptor, n), display);
        }
    }

    /// <summary>Removes <paramref name="name"/> and, for a directory, everything in it, without ever following a link.</summary>
    public unsafe void RemoveTree(byte[] name, string display)
    {
        var kind = StatEntry(name, display)?.Kind;
        if (kind is null)
        {
            return;
        }

        if (kind == EntryKind.Directory)
        {
            var opened = OpenListing(name);
            using var child = opened.Handle ?? throw new BootPrepException(BootPrepErrorKind.WriteFailed, display, opened.Message);
            foreach (var entry in child.ReadDirectory(display))
            {
                child.RemoveTree(entry.RawName, $"{display}/{entry.DisplayName}");
            }
        }

        fixed (byte* p = FileDescriptors.NulTerminated(name))
        {
            Check(Interop.Sys.UnlinkAt(Descriptor, p, kind == EntryKind.Directory ? Interop.Sys.AT_REMOVEDIR : 0), display);
        }
    }

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
