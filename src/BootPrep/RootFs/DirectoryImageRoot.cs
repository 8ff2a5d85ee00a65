using BootPrep.Files;
using BootPrep.Architectures;
using System.Text;
using BootPrep.Errors;
using BootPrep.Native;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.RootFs;

/// <summary>
/// An image root that is a directory on this host (a mounted or unpacked root). Every path is opened relative to
/// a descriptor of the root with openat2(2) RESOLVE_IN_ROOT, or walked link by link where the kernel lacks it,
/// so no symbolic link in the image can lead to the host's own files.
/// </summary>
public sealed class DirectoryImageRoot : IImageRoot
{
    private static int s_kernelResolutionMissing;

    private readonly DescriptorTree _tree;
    private readonly PathResolution _resolution;

    private DirectoryImageRoot(SafeFileHandle root, PathResolution resolution)
    {
        _tree = new DescriptorTree(root);
        _resolution = resolution;
    }

    /// <summary>Opens the directory at <paramref name="hostPath"/> as an image root.</summary>
    public static DirectoryImageRoot Open(string hostPath) => Open(hostPath, PathResolution.Auto);

    internal static DirectoryImageRoot Open(string hostPath, PathResolution resolution) =>
        new(FileDescriptors.OpenHostDirectory(hostPath), resolution);

    /// <inheritdoc/>
    public CpuArchitecture? Architecture => null;

    /// <inheritdoc/>
    public FileStatus? Stat(string path)
    {
        using var handle = OpenPath(path);
        return handle is null ? null : FileDescriptors.Stat(handle, path);
    }

    /// <inheritdoc/>
    public IReadOnlyList<DirectoryEntry>? ReadDirectory(string path)
    {
        using var handle = OpenPath(path);
        if (handle is null)
        {
            return null;
        }

        if (FileDescriptors.Stat(handle, path).Kind != EntryKind.Directory)
        {
            throw new BootPrepException(BootPrepErrorKind.NotADirectory, path, "not a directory");
        }

        // An O_PATH descriptor of a directory is a valid base for openat(2): "." reopens it for reading.
        using var directory = Require(FileDescriptors.OpenAt(handle, "."u8, OpenMode.ListDirectory), path);
        return FileDescriptors.ReadDirectory(directory, path);
    }

    /// <inheritdoc/>
    public BeneathStatus StatBeneath(string path, string? within = null) => BeneathResolver.Stat(_tree, path, within);

    /// <inheritdoc/>
    public Stream OpenRead(string path)
    {
        var handle = OpenRegularFile(path);
        try
        {
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _tree.Root.Dispose();

    private bool UseKernel => _resolution switch
    {
        PathResolution.Kernel => true,
        PathResolution.UserSpace => false,
        _ => Volatile.Read(ref s_kernelResolutionMissing) == 0,
    };

    /// <summary>The root's own O_PATH descriptor.</summary>
    internal SafeFileHandle Handle => _tree.Root;

    private SafeFileHandle? OpenPath(string path) => OpenPath(Encoding.UTF8.GetBytes(path), path);

    /// <summary>An O_PATH descriptor of what <paramref name="path"/> leads to inside the root (following links); null when it is not there.</summary>
    internal SafeFileHandle? OpenPath(ReadOnlySpan<byte> path, string display)
    {
        if (UseKernel && TryOpenInKernel(path, display, OpenMode.Path, out var handle))
        {
            return handle;
        }

        var resolution = InRootResolver.Resolve(_tree, path, display);
        if (resolution is null)
        {
            return null;
        }

        if (resolution.Parent is not null)
        {
            _tree.Release(resolution.Parent);
        }

        return resolution.Node == _tree.Root ? Reopen(_tree.Root, display) : resolution.Node;
    }

    private SafeFileHandle OpenRegularFile(string path)
    {
        // Look before opening for reading: opening a device node or FIFO can have effects of its own.
        var status = Stat(path) ?? throw new BootPrepException(BootPrepErrorKind.NotFound, path, "no such file in the image");
        RequireRegular(status, path);

        var handle = UseKernel && TryOpenInKernel(Encoding.UTF8.GetBytes(path), path, OpenMode.ReadFile, out var opened)
            ? opened
            : OpenRegularFileInUserSpace(path);
        if (handle is null)
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, path, "no such file in the image");
        }

        // The file may have been replaced between the look and the open: check what was opened.
        RequireRegular(FileDescriptors.Stat(handle, path), path, handle);
        return handle;
    }

    private SafeFileHandle? OpenRegularFileInUserSpace(string path)
    {
        var resolution = InRootResolver.Resolve(_tree, path);
        if (resolution is null)
        {
            return null;
        }

        try
        {
            // The resolver stopped at a name that is not a link, so O_NOFOLLOW opens exactly what it found.
            var parent = resolution.Parent ?? _tree.Root;
            var outcome = FileDescriptors.OpenAt(parent, resolution.Name ?? "."u8.ToArray(), OpenMode.ReadFileNoFollow);
            return outcome.Failure == OpenFailure.NotFound ? null : Require(outcome, path);
        }
        finally
        {
            resolution.Release(_tree);
        }
    }

    /// <summary>Opens through openat2(2); false when the kernel cannot, after which this process walks in user space.</summary>
    private bool TryOpenInKernel(ReadOnlySpan<byte> path, string display, OpenMode mode, out SafeFileHandle? handle)
    {
        var outcome = FileDescriptors.OpenInRoot(_tree.Root, path, mode);
        if (outcome.Failure == OpenFailure.Unsupported)
        {
            if (_resolution == PathResolution.Kernel)
            {
                throw new BootPrepException(BootPrepErrorKind.Unsupported, display, $"openat2 with RESOLVE_IN_ROOT is not available: {outcome.Message}");
            }

            Volatile.Write(ref s_kernelResolutionMissing, 1);
            handle = null;
            return false;
        }

        handle = outcome.Failure == OpenFailure.NotFound ? null : Require(outcome, display);
        return true;
    }

    private static SafeFileHandle Reopen(SafeFileHandle directory, string path) =>
        Require(FileDescriptors.OpenAt(directory, "."u8, OpenMode.Path), path);

    private static SafeFileHandle Require(FileDescriptors.OpenOutcome outcome, string path) => outcome.Failure switch
    {
        OpenFailure.None => outcome.Handle!,
        OpenFailure.NotFound => throw new BootPrepException(BootPrepErrorKind.NotFound, path, "no such file in the image"),
        OpenFailure.Loop => throw new BootPrepException(BootPrepErrorKind.SymlinkLoop, path, "too many levels of symbolic links (a link loop)"),
        _ => throw new BootPrepException(BootPrepErrorKind.Unreadable, path, outcome.Message),
    };

    private static void RequireRegular(FileStatus status, string path, IDisposable? owned = null)
    {
        if (status.Kind == EntryKind.Regular)
        {
            return;
        }

        owned?.Dispose();
        throw new BootPrepException(BootPrepErrorKind.NotARegularFile, path, $"not a regular file (found {status.Kind.Describe()})");
    }
}
