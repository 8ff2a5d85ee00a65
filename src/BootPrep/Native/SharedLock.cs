using System.Runtime.InteropServices;
using BootPrep.Errors;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>
/// A shared (read) lock on a whole lock file, as containers/storage's readers take one (pkg/lockfile: fcntl record
/// locks, F_RDLCK over the file): writers, which take F_WRLCK, wait until it is released, and it waits for a writer.
/// An open-file-description lock (F_OFD_SETLKW), so that closing another descriptor of the file does not drop it.
/// </summary>
public sealed class SharedLock : IDisposable
{
    private readonly SafeFileHandle _file;

    private SharedLock(SafeFileHandle file) => _file = file;

    /// <summary>Waits for and takes the lock on <paramref name="path"/>; null when there is no such file.</summary>
    public static unsafe SharedLock? Take(string path)
    {
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BootPrepException(BootPrepErrorKind.Unreadable, path, $"cannot open the lock file: {SystemErrors.Describe(ex, path)}");
        }

        var flock = stackalloc byte[Interop.Sys.FlockSize];
        new Span<byte>(flock, Interop.Sys.FlockSize).Clear();
        *(short*)flock = Interop.Sys.F_RDLCK;
        int result;
        while ((result = Interop.Sys.FcntlLock(file, Interop.Sys.F_OFD_SETLKW, flock)) != 0 && Marshal.GetLastPInvokeError() == (int)Errno.EINTR)
        {
        }

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            file.Dispose();
            throw new BootPrepException(BootPrepErrorKind.Unreadable, path, $"cannot take a read lock: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return new SharedLock(file);
    }

    /// <summary>Releases the lock (closing the file releases it).</summary>
    public void Dispose() => _file.Dispose();
}
