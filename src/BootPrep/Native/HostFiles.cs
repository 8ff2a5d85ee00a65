using System.Runtime.InteropServices;
using BootPrep.Errors;
using BootPrep.Files;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>
/// Opens files named on the command line or found in an image layout on the host: only regular files, looked at
/// without blocking (a FIFO or a device is refused, never read), no larger than the caller allows, and every
/// refusal in words.
/// </summary>
public static class HostFiles
{
    /// <summary>
    /// Opens the regular file at <paramref name="path"/> for reading through a buffer of <paramref name="bufferSize"/>
    /// bytes; <paramref name="what"/> names it in errors ("the initrd").
    /// </summary>
    public static FileStream OpenRead(string path, long maxSize, string what, int bufferSize = 0)
    {
        if (path.Length == 0)
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, "''", $"an empty path where {what} belongs");
        }

        var handle = Open(path, what);
        try
        {
            var status = FileDescriptors.Stat(handle, path);
            if (status.Kind != EntryKind.Regular)
            {
                throw new BootPrepException(BootPrepErrorKind.NotARegularFile, path, $"{what} is {status.Kind.Describe()}, not a regular file");
            }

            if (status.Size > maxSize)
            {
                throw new BootPrepException(BootPrepErrorKind.Unsupported, path, $"{what} has {status.Size} bytes, more than the {maxSize} bytes bootprep reads");
            }

            return new FileStream(handle, FileAccess.Read, bufferSize);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What <paramref name="path"/> is after its links are followed, looked at without opening it for reading; null
    /// when it is not there.
    /// </summary>
    public static EntryKind? KindOf(string path)
    {
        try
        {
            using var handle = FileDescriptors.OpenHostPath(path);
            return handle is null ? null : FileDescriptors.Stat(handle, path).Kind;
        }
        catch (BootPrepException)
        {
            return null;
        }
    }

    /// <summary>The device and inode of what <paramref name="path"/> leads to; null when it is not there.</summary>
    public static FileIdentity? IdentityOf(string path)
    {
        try
        {
            using var handle = FileDescriptors.OpenHostPath(path);
            return handle is null ? null : FileDescriptors.Identity(handle, path);
        }
        catch (BootPrepException)
        {
            return null;
        }
    }

    /// <summary>Reads the whole regular file at <paramref name="path"/>, at most <paramref name="maxSize"/> bytes.</summary>
    public static byte[] ReadAllBytes(string path, int maxSize, string what)
    {
        using var stream = OpenRead(path, maxSize, what);
        var buffer = new byte[Math.Min(maxSize + 1L, stream.Length + 1)];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return length <= maxSize
            ? buffer[..length]
            : throw new BootPrepException(BootPrepErrorKind.Unsupported, path, $"{what} has more than the {maxSize} bytes bootprep reads");
    }

    private static unsafe SafeFileHandle Open(string path, string what)
    {
        var bytes = FileDescriptors.NulTerminated(System.Text.Encoding.UTF8.GetBytes(path));
        int fd;
        fixed (byte* p = bytes)
        {
            // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
            fd = Interop.Sys.OpenAtCwd(Interop.AtFlags.AT_FDCWD, p, Interop.OpenFlags.O_RDONLY | Interop.OpenFlags.O_NONBLOCK | Interop.OpenFlags.O_NOCTTY | Interop.OpenFlags.O_CLOEXEC, 0);
        }

        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        throw errno switch
        {
            Interop.Errno.ENOENT => new BootPrepException(BootPrepErrorKind.NotFound, path, $"no such file or directory ({what})"),
            Interop.Errno.ENOTDIR => new BootPrepException(BootPrepErrorKind.NotFound, path, $"a component of the path is not a directory ({what})"),
            Interop.Errno.EACCES or Interop.Errno.EPERM => new BootPrepException(BootPrepErrorKind.Unreadable, path, $"permission denied ({what})"),
            Interop.Errno.ELOOP => new BootPrepException(BootPrepErrorKind.SymlinkLoop, path, $"too many levels of symbolic links ({what})"),
            _ => new BootPrepException(BootPrepErrorKind.Unreadable, path, $"{Marshal.GetPInvokeErrorMessage(errno)} ({what})"),
        };
    }
}
