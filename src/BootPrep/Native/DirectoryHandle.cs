using BootPrep.Files;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>
/// An open directory that names are opened and written beneath: an image root, an unpack target's parent, or a
/// directory on the way. Every operation names an entry or a relative path under it, never a path of the host.
/// </summary>
internal sealed partial class DirectoryHandle : NodeHandle
{
    private readonly bool _canList;

    internal DirectoryHandle(SafeFileHandle descriptor, bool canList)
        : base(descriptor, new FileStatus(EntryKind.Directory, 0)) => _canList = canList;

    /// <summary>Opens the directory at <paramref name="hostPath"/> on the host (links followed), to resolve paths beneath it.</summary>
    public static DirectoryHandle OpenHost(string hostPath) => new(FileDescriptors.OpenHostDirectory(hostPath), canList: false);

    /// <summary>openat(2) of one name (or a relative path) under this directory.</summary>
    public OpenOutcome<NodeHandle> Open(ReadOnlySpan<byte> name, OpenMode mode) => FileDescriptors.OpenAt(Descriptor, name, mode);

    /// <summary>openat2(2) with RESOLVE_IN_ROOT: the kernel resolves <paramref name="path"/> as if this directory were "/".</summary>
    public OpenOutcome<NodeHandle> OpenInRoot(ReadOnlySpan<byte> path, OpenMode mode) => FileDescriptors.OpenInRoot(Descriptor, path, mode);

    /// <summary>The directory <paramref name="name"/> names in this one, never through a link, to open or write beneath.</summary>
    public OpenOutcome<DirectoryHandle> OpenDirectory(ReadOnlySpan<byte> name) => FileDescriptors.OpenDirectoryAt(Descriptor, name, forListing: false);

    /// <summary>The directory <paramref name="name"/> names in this one ("." for this one), never through a link, opened to list it.</summary>
    public OpenOutcome<DirectoryHandle> OpenListing(ReadOnlySpan<byte> name) => FileDescriptors.OpenDirectoryAt(Descriptor, name, forListing: true);

    /// <summary>The entries of this directory, which <see cref="OpenListing"/> opened, without "." and "..".</summary>
    public List<DirectoryEntry> ReadDirectory(string pathForErrors) =>
        _canList
            ? FileDescriptors.ReadDirectory(Descriptor, pathForErrors)
            : throw new InvalidOperationException($"{pathForErrors} was opened to resolve beneath, not to be listed");

    /// <summary>statx(2) of <paramref name="name"/> in this directory, not following it; null when it is not there.</summary>
    public FileStatus? StatEntry(ReadOnlySpan<byte> name, string pathForErrors) => FileDescriptors.StatAt(Descriptor, name, pathForErrors);
}
