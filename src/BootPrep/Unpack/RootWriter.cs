using BootPrep.Files;
using System.Buffers;
using System.Text;
using BootPrep.Errors;
using BootPrep.Layers;
using BootPrep.Tar;
using BootPrep.Native;
using BootPrep.RootFs;

namespace BootPrep.Unpack;

/// <summary>
/// Applies layer entries to a directory root. Parents resolve inside the root (following the image's own links,
/// never leaving it); the final name is always replaced, never followed. Whiteouts hide only what lower layers
/// wrote (image-spec layer.md), so the names written by the current layer are remembered until the next one.
/// </summary>
internal sealed class RootWriter(DirectoryImageRoot root, UnpackOptions options, string location)
{
    private const int OwnerAll = 0x1c0;
    private const int DefaultDirectoryMode = 0x1ed;

    private readonly HashSet<string> _writtenThisLayer = new(StringComparer.Ordinal);
    private readonly List<(byte[][] Path, int Mode)> _deferredModes = [];
    private readonly bool _asRoot = ProcessCredentials.IsRoot;
    private (byte[][] Path, DirectoryHandle Handle)? _parentCache;
    private int? _rootMode;
    private long _skippedDevices;

    /// <summary>The mode the image gives its root directory, once the layers are written.</summary>
    public int RootMode => _rootMode ?? DefaultDirectoryMode;

    /// <summary>Starts the next layer: its whiteouts may hide everything written so far.</summary>
    public void StartLayer()
    {
        _writtenThisLayer.Clear();
        DropParentCache();
    }

    /// <summary>Writes one entry, reading its data from <paramref name="reader"/>.</summary>
    public void Write(TarHeader header, SafeTarReader reader)
    {
        byte[][] components;
        try
        {
            components = LayerPaths.Clean(header.Name);
        }
        catch (BootPrepException ex)
        {
            throw ex.Within(location);
        }

        var display = $"{location}: {LayerPaths.Display(header.Name)}";
        if (components.Length == 0)
        {
            _rootMode = header.Type == TarEntryType.Directory ? header.Mode : _rootMode;
            return;
        }

        if (Whiteout.Parse(components[^1], location, header.Name) is { } whiteout)
        {
            ApplyWhiteout(components[..^1], whiteout.Kind, whiteout.Name, display);
            return;
        }

        var parent = EnsureDirectory(components[..^1], display);
        var name = components[^1];
        var existing = parent.StatEntry(name, display)?.Kind;
        if (!(header.Type == TarEntryType.Directory && existing == EntryKind.Directory) && existing is not null)
        {
            parent.RemoveTree(name, display);
            DropParentCache();
            parent = EnsureDirectory(components[..^1], display);
        }

        if (Create(parent, name, components, header, reader, existing == EntryKind.Directory, display))
        {
            _writtenThisLayer.Add(Key(components));
        }
    }

    /// <summary>Applies the directory modes held back while the layers were written; returns what was written.</summary>
    public UnpackResult Finish()
    {
        DropParentCache();
        for (var i = _deferredModes.Count - 1; i >= 0; i--)
        {
            var (path, mode) = _deferredModes[i];
            var display = $"{location}: {LayerPaths.Display(LayerPaths.Join(path))}";
            using var parent = OpenExistingDirectory(path[..^1], display);
            if (parent is not null && parent.StatEntry(path[^1], display)?.Kind == EntryKind.Directory)
            {
                parent.ChangeMode(path[^1], mode, display);
            }
        }

        return new UnpackResult(_skippedDevices);
    }

    private bool Create(DirectoryHandle parent, byte[] name, byte[][] components, TarHeader header, SafeTarReader reader, bool directoryExists, string display)
    {
        switch (header.Type)
        {
            case TarEntryType.Directory:
                if (!directoryExists)
                {
                    parent.MakeDirectory(name, OwnerAll, display);
                }

                // Entries still to come must be writable into it; its own mode is applied at the end.
                if ((header.Mode & OwnerAll) != OwnerAll)
                {
                    _deferredModes.Add((components, header.Mode));
                }

                SetMetadata(parent, name, header, header.Mode | OwnerAll, display);
                return true;
            case TarEntryType.Regular:
                using (var file = parent.CreateFile(name, display))
                {
                    try
                    {
                        CopyData(reader, file);
                    }
                    catch (IOException ex)
                    {
                        // A full disk or a quota: say which entry, not just what the OS said.
                        throw new BootPrepException(BootPrepErrorKind.WriteFailed, display, ex.Message, ex);
                    }
                }

                SetMetadata(parent, name, header, header.Mode, display);
                return true;
            case TarEntryType.Symlink:
                parent.Symlink(name, header.LinkName, display);
                SetMetadata(parent, name, header, mode: null, display);
                return true;
            case TarEntryType.HardLink:
                LinkTo(parent, name, header, display);
                return true;
            case TarEntryType.Fifo:
                parent.MakeNode(name, SpecialFileKind.Fifo, header.Mode, 0, 0, display);
                SetMetadata(parent, name, header, header.Mode, display);
                return true;
            default:
                if (!options.Devices || !_asRoot)
                {
                    _skippedDevices++;
                    return false;
                }

                var kind = header.Type == TarEntryType.CharacterDevice ? SpecialFileKind.CharacterDevice : SpecialFileKind.BlockDevice;
                parent.MakeNode(name, kind, header.Mode, header.DeviceMajor, header.DeviceMinor, display);
                SetMetadata(parent, name, header, header.Mode, display);
                return true;
        }
    }

    private void LinkTo(DirectoryHandle parent, byte[] name, TarHeader header, string display)
    {
        var target = LayerPaths.Clean(header.LinkName);
        var problem = $"hard link to {LayerPaths.Display(header.LinkName)}";
        if (target.Length == 0)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, display, $"{problem}, which is the root");
        }

        using var targetParent = OpenExistingDirectory(target[..^1], display)
            ?? throw new BootPrepException(BootPrepErrorKind.InvalidImage, display, $"{problem}, which is not in the image");
        switch (targetParent.StatEntry(target[^1], display)?.Kind)
        {
            case null:
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, display, $"{problem}, which is not in the image");
            case EntryKind.Directory:
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, display, $"{problem}, a directory");
            default:
                parent.Link(name, targetParent, target[^1], display);
                break;
        }
    }

    private void SetMetadata(DirectoryHandle parent, byte[] name, TarHeader header, int? mode, string display)
    {
        // Ownership first: chown(2) clears set-user-ID bits that a later chmod(2) restores.
        if (_asRoot)
        {
            parent.ChangeOwner(name, header.Uid, header.Gid, display);
        }

        if (mode is { } bits)
        {
            parent.ChangeMode(name, bits, display);
        }

        parent.SetModificationTime(name, header.ModificationTime, display);
    }

    private void ApplyWhiteout(byte[][] parentPath, WhiteoutKind kind, byte[] hidden, string display)
    {
        if (kind == WhiteoutKind.Ignored)
        {
            return;
        }

        DropParentCache();
        using var parent = OpenExistingDirectory(parentPath, display);
        if (parent is null)
        {
            return;
        }

        var parentKey = Key(parentPath);
        if (kind == WhiteoutKind.Remove)
        {
            if (!_writtenThisLayer.Contains(Child(parentKey, hidden)))
            {
                parent.RemoveTree(hidden, display);
            }

            return;
        }

        var opened = parent.OpenListing("."u8);
        using var listing = opened.Handle ?? throw new BootPrepException(BootPrepErrorKind.WriteFailed, display, opened.Message);
        foreach (var entry in listing.ReadDirectory(display))
        {
            if (!_writtenThisLayer.Contains(Child(parentKey, entry.RawName)))
            {
                parent.RemoveTree(entry.RawName, display);
            }
        }
    }

    /// <summary>The directory at <paramref name="path"/>, made where missing as tar extraction makes parents; the writer keeps the handle.</summary>
    private DirectoryHandle EnsureDirectory(byte[][] path, string display)
    {
        if (path.Length == 0)
        {
            return root.Directory;
        }

        // Entries come in tar order, so the last parent is usually this one or an ancestor of it: start from there.
        var (start, from) = _parentCache is { } cached && IsPrefix(cached.Path, path) ? (cached.Path.Length, cached.Handle) : (0, root.Directory);
        if (start == path.Length)
        {
            return from;
        }

        var current = MakeDirectories(path, display, depth: 0, start, from);
        DropParentCache();
        _parentCache = (path, current);
        return current;
    }

    private static bool IsPrefix(byte[][] prefix, byte[][] path) =>
        prefix.Length <= path.Length && prefix.Select((part, i) => part.AsSpan().SequenceEqual(path[i])).All(same => same);

    /// <summary>
    /// Opens the directory at <paramref name="path"/>, making each missing component from index <paramref name="start"/>
    /// on (<paramref name="from"/> is the directory the components before it lead to; it stays the caller's). A real
    /// directory is opened beneath the one before it, so a walk costs one call per component; a component that is a
    /// link is resolved from the root, and a link to nothing gets its target made, inside the root, as tar extraction
    /// (umoci, containerd) does.
    /// </summary>
    private DirectoryHandle MakeDirectories(byte[][] path, string display, int depth, int start = 0, DirectoryHandle? from = null)
    {
        if (depth > InRootResolver.MaxSymlinkFollows)
        {
            throw new BootPrepException(BootPrepErrorKind.SymlinkLoop, display, "too many levels of symbolic links (a link loop)");
        }

        DirectoryHandle? current = null;
        for (var i = start; i < path.Length; i++)
        {
            var parentHandle = current ?? from ?? root.Directory;
            if (parentHandle.OpenDirectory(path[i]).Handle is { } directory)
            {
                current?.Dispose();
                current = directory;
                continue;
            }

            var prefix = LayerPaths.Join(path[..(i + 1)]);
            var next = root.OpenPath(prefix, display);
            if (next is null)
            {
                if (!parentHandle.MakeDirectory(path[i], DefaultDirectoryMode, display))
                {
                    MakeDirectories(DanglingLinkTarget(parentHandle, path[..(i + 1)], display), display, depth + 1).Dispose();
                }

                next = root.OpenPath(prefix, display)
                    ?? throw new BootPrepException(BootPrepErrorKind.InvalidImage, display, $"its parent {LayerPaths.Display(prefix)} cannot be made a directory");
            }

            current?.Dispose();
            current = next as DirectoryHandle;
            if (current is null)
            {
                next.Dispose();
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, display, $"its parent {LayerPaths.Display(prefix)} is not a directory");
            }
        }

        return current ?? throw new InvalidOperationException("an empty path has no directory to make");
    }

    /// <summary>The path, inside the root, that the link at <paramref name="link"/> names (lexically: ".." stops at the root).</summary>
    private static byte[][] DanglingLinkTarget(DirectoryHandle parent, byte[][] link, string display)
    {
        var opened = parent.Open(link[^1], OpenMode.PathNoFollow);
        using var handle = opened.Handle ?? throw new BootPrepException(BootPrepErrorKind.WriteFailed, display, opened.Message);
        if (handle.Kind != EntryKind.Symlink)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, display, $"its parent {LayerPaths.Display(LayerPaths.Join(link))} is not a directory");
        }

        var target = handle.ReadLink(display);
        return LayerPaths.LinkTarget(link, target);
    }

    private DirectoryHandle? OpenExistingDirectory(byte[][] path, string display)
    {
        var handle = root.OpenPath(LayerPaths.Join(path), display);
        if (handle is DirectoryHandle directory)
        {
            return directory;
        }

        handle?.Dispose();
        return null;
    }

    private void DropParentCache()
    {
        _parentCache?.Handle.Dispose();
        _parentCache = null;
    }

    private static void CopyData(SafeTarReader reader, Stream file)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            int read;
            while ((read = reader.ReadData(buffer)) > 0)
            {
                file.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Key(byte[][] path) => string.Join('/', path.Select(Encoding.Latin1.GetString));

    private static string Child(string parentKey, byte[] name) =>
        parentKey.Length == 0 ? Encoding.Latin1.GetString(name) : $"{parentKey}/{Encoding.Latin1.GetString(name)}";

}
