using System.Runtime.InteropServices;
using BootPrep.Binary;
using BootPrep.Errors;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>
/// A file in memory (memfd_create(2)) to hand to kexec_file_load: written once, then reopened read-only, because
/// the kernel refuses (ETXTBSY) a file that any descriptor may still write. Nothing is left behind on disk.
/// </summary>
internal sealed class MemoryFile : IDisposable
{
    private readonly FileStream _writer;
    private SafeFileHandle? _reader;

    private MemoryFile(SafeFileHandle handle, string name)
    {
        Name = name;
        _writer = new FileStream(handle, FileAccess.ReadWrite);
    }

    /// <summary>The name it shows in /proc/self/fd.</summary>
    public string Name { get; }

    /// <summary>Creates an empty memory file named <paramref name="name"/>.</summary>
    public static MemoryFile Create(string name)
    {
        var fd = Interop.Sys.MemfdCreate(name, Interop.Sys.MFD_CLOEXEC);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new BootPrepException(BootPrepErrorKind.Unsupported, name, $"memfd_create failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return new MemoryFile(new SafeFileHandle(fd, ownsHandle: true), name);
    }

    /// <summary>Where to write the content, before <see cref="Seal"/>.</summary>
    public Stream Writer => _writer;

    /// <summary>Ends writing: reopens the file read-only through /proc/self/fd and closes the writable descriptor.</summary>
    public void Seal() => ReadOnlyDescriptor();

    /// <summary>The read-only descriptor (sealing first), which this object keeps owning: what kexec_file_load(2) is given.</summary>
    internal SafeFileHandle ReadOnlyDescriptor()
    {
        if (_reader is null)
        {
            _writer.Flush();
            _reader = Reopen(_writer.SafeFileHandle);
            _writer.Dispose();
        }

        return _reader;
    }

    /// <summary>A seekable stream of its own over the sealed content, for reading it back.</summary>
    public Stream OpenReader() => new FileStream(Reopen(ReadOnlyDescriptor()), FileAccess.Read);

    /// <summary>As <see cref="OpenReader()"/>, stating <paramref name="sha256"/>, computed from the content, as its digest.</summary>
    public Stream OpenReader(string sha256) => new StatedReader(Reopen(ReadOnlyDescriptor()), sha256);

    private SafeFileHandle Reopen(SafeFileHandle handle)
    {
        var path = $"/proc/self/fd/{handle.DangerousGetHandle()}";
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BootPrepException(BootPrepErrorKind.Unsupported, path, $"cannot reopen the memory file {Name} read-only ({ex.Message}); is /proc mounted?");
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _reader?.Dispose();
    }

    private sealed class StatedReader(SafeFileHandle handle, string sha256) : FileStream(handle, FileAccess.Read), IStatedSha256
    {
        public string? Sha256 => sha256;
    }
}
