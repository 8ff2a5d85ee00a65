using BootPrep.Files;
using BootPrep.Architectures;
using System.Text;
using BootPrep.Errors;
using BootPrep.Native;

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

    private DirectoryImageRoot(DirectoryHandle root, PathResolution resolution)
    {
        _tree = new DescriptorTree(root);
        _resolution = resolution;
    }

    /// <summary>Opens the directory at <paramref name="hostPath"/> as an image root.</summary>
    public static DirectoryImageRoot Open(string hostPath) => Open(hostPath, PathResolution.Auto);

    internal static DirectoryImageRoot Open(string hostPath, PathResolution resolution) =>
        new(DirectoryHandle.OpenHost(hostPath), resolution);

    /// <inheritdoc/>
    public CpuArchitecture? Architecture => null;

    /// <inheritdoc/>
    public FileStatus? Stat(ImagePath path)
    {
        using var handle = OpenPath(path);
        return handle?.Status;
    }

    /// <inheritdoc/>
    public IReadOnlyList<DirectoryEntry>? ReadDirectory(ImagePath path)
    {
        using var handle = OpenPath(path);
        if (handle is null)
        {
            return null;
        }

        if (handle is not DirectoryHandle directory)
        {
            throw new BootPrepException(BootPrepErrorKind.NotADirectory, path.ToString(), "not a directory");
        }

        // An O_PATH descriptor of a directory is a valid base for openat(2): "." reopens it for reading.
        using var listing = Require(directory.OpenListing("."u8), path.ToString());
        return listing.ReadDirectory(path.ToString());
    }

    /// <inheritdoc/>
    public BeneathStatus StatBeneath(ImagePath path, ImagePath? within = null) => BeneathResolver.Stat(_tree, path, within);

    /// <inheritdoc/>
    public Stream OpenRead(ImagePath path) => OpenRegularFile(path).IntoReadStream();

    /// <inheritdoc/>
    public void Dispose() => _tree.Directory.Dispose();

    private bool UseKernel => _resolution switch
    {
        PathResolution.Kernel => true,
        PathResolution.UserSpace => false,
        _ => Volatile.Read(ref s_kernelResolutionMissing) == 0,
    };

    /// <summary>The root directory itself, which an unpack writes beneath.</summary>
    internal DirectoryHandle Directory => _tree.Directory;

    private NodeHandle? OpenPath(ImagePath path) => OpenPath(Encoding.UTF8.GetBytes(path.ToString()), path.ToString());

    /// <summary>An O_PATH descriptor of what <paramref name="path"/> leads to inside the root (following links); null when it is not there.</summary>
    internal NodeHandle? OpenPath(ReadOnlySpan<byte> path, string display)
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

        return resolution.Node == _tree.Root ? Require(_tree.Directory.Open("."u8, OpenMode.Path), display) : resolution.Node;
    }

    private FileHandle OpenRegularFile(ImagePath path)
    {
        var display = path.ToString();
        // Look before opening for reading: opening a device node or FIFO can have effects of its own.
        var status = Stat(path) ?? throw new BootPrepException(BootPrepErrorKind.NotFound, display, "no such file in the image");
        if (status.Kind != EntryKind.Regular)
        {
            throw NotRegular(status.Kind, display);
        }

        var handle = UseKernel && TryOpenInKernel(Encoding.UTF8.GetBytes(display), display, OpenMode.ReadFile, out var opened)
            ? opened
            : OpenRegularFileInUserSpace(path);
        if (handle is null)
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, display, "no such file in the image");
        }

        // The file may have been replaced between the look and the open: check what was opened.
        if (handle is FileHandle { Kind: EntryKind.Regular } file)
        {
            return file;
        }

        handle.Dispose();
        throw NotRegular(handle.Kind, display);
    }

    private NodeHandle? OpenRegularFileInUserSpace(ImagePath path)
    {
        var resolution = InRootResolver.Resolve(_tree, path);
        if (resolution is null)
        {
            return null;
        }

        try
        {
            // The resolver stopped at a name that is not a link, so O_NOFOLLOW opens exactly what it found.
            var parent = (DirectoryHandle?)resolution.Parent ?? _tree.Directory;
            var outcome = parent.Open(resolution.Name ?? "."u8.ToArray(), OpenMode.ReadFileNoFollow);
            return outcome.Failure == OpenFailure.NotFound ? null : Require(outcome, path.ToString());
        }
        finally
        {
            resolution.Release(_tree);
        }
    }

    /// <summary>Opens through openat2(2); false when the kernel cannot, after which this process walks in user space.</summary>
    private bool TryOpenInKernel(ReadOnlySpan<byte> path, string display, OpenMode mode, out NodeHandle? handle)
    {
        var outcome = _tree.Directory.OpenInRoot(path, mode);
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

    private static THandle Require<THandle>(OpenOutcome<THandle> outcome, string path)
        where THandle : NodeHandle => outcome.Failure switch
    {
        OpenFailure.None => outcome.Handle!,
        OpenFailure.NotFound => throw new BootPrepException(BootPrepErrorKind.NotFound, path, "no such file in the image"),
        OpenFailure.Loop => throw new BootPrepException(BootPrepErrorKind.SymlinkLoop, path, "too many levels of symbolic links (a link loop)"),
        _ => throw new BootPrepException(BootPrepErrorKind.Unreadable, path, outcome.Message),
    };

    private static BootPrepException NotRegular(EntryKind found, string path) =>
        new(BootPrepErrorKind.NotARegularFile, path, $"not a regular file (found {found.Describe()})");
}
