using BootPrep.Files;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>
/// An open descriptor of one node of a file tree, owned by this object: a <see cref="DirectoryHandle"/> when the
/// node is a directory, a <see cref="FileHandle"/> otherwise. The type is known from the open, as an inode's type
/// never changes, so callers ask the handle's type instead of calling statx(2) again.
/// </summary>
internal abstract class NodeHandle : IDisposable
{
    private SafeFileHandle? _descriptor;

    private protected NodeHandle(SafeFileHandle descriptor, FileStatus status)
    {
        _descriptor = descriptor;
        Status = status;
    }

    /// <summary>What the node was when it was opened: its type, and its size then for a regular file.</summary>
    public FileStatus Status { get; }

    /// <summary>The node's type; a descriptor opened on a symbolic link without following it reports the link.</summary>
    public EntryKind Kind => Status.Kind;

    /// <summary>The descriptor, while this object owns it.</summary>
    private protected SafeFileHandle Descriptor => _descriptor ?? throw new ObjectDisposedException(GetType().Name);

    /// <summary>readlinkat(2): the target of the symbolic link this descriptor was opened on without following it.</summary>
    public byte[] ReadLink(string pathForErrors) => FileDescriptors.ReadLink(Descriptor, pathForErrors);

    /// <summary>Closes the descriptor, unless it was handed on.</summary>
    public void Dispose() => _descriptor?.Dispose();

    /// <summary>Takes the descriptor away from this object, which no longer closes it.</summary>
    private protected SafeFileHandle HandOver()
    {
        var descriptor = Descriptor;
        _descriptor = null;
        return descriptor;
    }

    /// <summary>
    /// Owns <paramref name="descriptor"/>, opened on a node of <paramref name="status"/>; <paramref name="canList"/>
    /// says whether it was opened for reading (so that a directory can be listed through it).
    /// </summary>
    internal static NodeHandle Of(SafeFileHandle descriptor, FileStatus status, bool canList) =>
        status.Kind == EntryKind.Directory ? new DirectoryHandle(descriptor, canList) : new FileHandle(descriptor, status);
}
