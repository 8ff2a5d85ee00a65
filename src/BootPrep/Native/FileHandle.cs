using BootPrep.Files;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>An open descriptor of a node that is not a directory: a regular file, a symbolic link, a device, FIFO or socket.</summary>
internal sealed class FileHandle : NodeHandle
{
    internal FileHandle(SafeFileHandle descriptor, FileStatus status)
        : base(descriptor, status)
    {
    }

    /// <summary>
    /// A stream over the bytes of the regular file this descriptor was opened on for reading; the stream takes the
    /// descriptor, so this handle is spent and disposing it does nothing.
    /// </summary>
    public Stream IntoReadStream()
    {
        var descriptor = HandOver();
        try
        {
            return new FileStream(descriptor, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            descriptor.Dispose();
            throw;
        }
    }
}
