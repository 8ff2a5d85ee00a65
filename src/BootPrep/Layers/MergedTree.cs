using BootPrep.Files;
using BootPrep.Errors;
using BootPrep.Tar;
using BootPrep.RootFs;

namespace BootPrep.Layers;

/// <summary>
/// The image root that a stack of layers makes, built as the OCI image spec applies layers: in order, each
/// layer's whiteouts (<c>.wh.NAME</c>) and opaque markers (<c>.wh..wh..opq</c>) first hiding what lower layers
/// hold, then its entries added. Parent directories of an entry resolve inside the root, following links.
/// </summary>
/// <remarks>
/// Every file is a <see cref="NodeRecord"/> in pages of records and its name bytes in one arena; one hash table
/// keyed by (directory, name) finds an entry, and each directory lists its entries through the records. Nothing
/// is an object per file. A tree pruned by a <see cref="ScanPolicy"/> keeps every directory and link but only the
/// files of the directories on the way to what the policy names (and files whose data the scan kept): the questions
/// detection asks are answered from those, so memory grows with directories, not files. A name it cannot vouch for
/// (missing from a directory it dropped files of) raises <see cref="PrunedTreeException"/>, never a wrong answer.
/// </remarks>
internal sealed class MergedTree : IResolvableTree<MergedNode>
{
    private const int PageBits = 10;
    private const int PageSize = 1 << PageBits;

    private readonly List<NodeRecord[]> _pages = [];
    private readonly ByteArena _names = new();
    private readonly List<KeptData> _kept = [];
    private readonly List<byte[]> _links = [];
    private readonly ScanPolicy? _prunedBy;
    private readonly List<int> _ancestors = [];
    private readonly List<Range> _pathComponents = [];
    private byte[] _path = new byte[256];
    private int[] _buckets = [.. Enumerable.Repeat(NodeRecord.None, PageSize)];
    private int _count;

    // The parent directory of the last entry added, by the bytes of its path: a tar lists a directory's entries one
    // after another, so most entries need no walk from the root. Forgotten when a layer's whiteouts are applied and
    // when an entry replaces another.
    private byte[] _parentPath = new byte[256];
    private int _parentPathLength = -1;
    private int _parent;

    /// <summary>A tree of every entry, or, with <paramref name="prunedBy"/>, of what that policy's questions need.</summary>
    public MergedTree(ScanPolicy? prunedBy = null)
    {
        _prunedBy = prunedBy;
        ref var root = ref At(Allocate());
        root.Parent = NodeRecord.None;
        root.NextSibling = root.NextInBucket = NodeRecord.None;
        root.SetEmpty(EntryKind.Directory);
        root.Complete = true;
    }

    public MergedNode Root { get; } = new(0);

    public (MergedNode Node, EntryKind Kind)? Lookup(MergedNode directory, byte[] name, string pathForErrors) =>
        Find(directory.Index, name) is var found and not NodeRecord.None ? (new MergedNode(found), At(found).Kind) : Absent(directory.Index);

    public byte[] ReadLink(MergedNode link, string pathForErrors) => _links[At(link.Index).Kept];

    public void Release(MergedNode node)
    {
    }

    /// <summary>The record of <paramref name="node"/>.</summary>
    public ref readonly NodeRecord Record(MergedNode node) => ref At(node.Index);

    /// <summary>The data the scan kept of a regular file (its bytes or a memory file), or null.</summary>
    public KeptData? Kept(MergedNode node) => At(node.Index) is { Kind: EntryKind.Regular, Kept: var kept and not NodeRecord.None } ? _kept[kept] : null;

    /// <summary>The entries of the directory <paramref name="node"/>, in the order they were first added.</summary>
    public List<DirectoryEntry> List(MergedNode node)
    {
        Vouch(node.Index);
        var entries = new List<DirectoryEntry>();
        for (var child = At(node.Index).FirstChild; child != NodeRecord.None; child = At(child).NextSibling)
        {
            ref var record = ref At(child);
            entries.Add(new DirectoryEntry(_names.Read(record.NameStart, record.NameLength).ToArray(), record.Kind));
        }

        entries.Reverse();
        return entries;
    }

    /// <summary>Applies layer <paramref name="layer"/>'s entries; <paramref name="what"/> names the layer in errors.</summary>
    public void Apply(int layer, LayerEntries entries, string what)
    {
        _parentPathLength = -1;
        // Whiteouts hide only what lower layers hold, so they all go before this layer's entries.
        var components = new List<Range>();
        if (entries.MayHoldWhiteouts)
        {
            ApplyWhiteouts(entries, components, what);
        }

        for (var cursor = new LayerCursor(); entries.Read(cursor, out var entry);)
        {
            LayerPaths.Clean(entry.Name, components);
            if (components.Count > 0 && Whiteout.Parse(entry.Name[components[^1]], what, entry.Name) is null)
            {
                Add(layer, components, entry, entries, what);
            }
        }
    }

    private void ApplyWhiteouts(LayerEntries entries, List<Range> components, string what)
    {
        for (var cursor = new LayerCursor(); entries.Read(cursor, out var entry);)
        {
            LayerPaths.Clean(entry.Name, components);
            var whiteout = components.Count == 0 ? null : Whiteout.Parse(entry.Name[components[^1]], what, entry.Name);
            if (whiteout is not null && ExistingDirectory(LayerPaths.Pieces(entry.Name, components, components.Count - 1), what) is { } parent)
            {
                switch (whiteout.Value.Kind)
                {
                    case WhiteoutKind.Opaque:
                        Clear(parent);
                        break;
                    case WhiteoutKind.Remove:
                        Remove(parent, whiteout.Value.Name);
                        break;
                }
            }
        }
    }

    private void Add(int layer, List<Range> components, LayerRecord entry, LayerEntries entries, string what)
    {
        var parent = Parent(entry.Name, components, what);
        var key = entry.Name[components[^1]];
        var existing = Find(parent, key);
        if (entry.Type == TarEntryType.Directory && existing != NodeRecord.None && At(existing).Kind == EntryKind.Directory)
        {
            return;
        }

        if (existing != NodeRecord.None)
        {
            // The replaced entry may be a link the remembered parent's path went through (d/x/x, with d/x linking to d).
            _parentPathLength = -1;
        }

        // A hard link's target is found before the entry it replaces changes: it may be that entry, or below it.
        var dropped = Drops(parent, entry);
        var target = entry.Type == TarEntryType.HardLink ? HardLinkTarget(entry, what, dropped) : NodeRecord.None;
        if (dropped)
        {
            if (existing != NodeRecord.None)
            {
                Remove(parent, key);
            }

            At(parent).Pruned = true;
            return;
        }
        if (existing != NodeRecord.None && At(existing).Kind == EntryKind.Directory)
        {
            DetachChildren(existing);
        }

        var index = existing == NodeRecord.None ? Insert(parent, key) : existing;
        ref var record = ref At(index);
        switch (entry.Type)
        {
            case TarEntryType.Directory:
                record.SetEmpty(EntryKind.Directory);
                record.Complete = Listed(index);
                break;
            case TarEntryType.Regular when entry.Kept != NodeRecord.None:
                record.SetKept(EntryKind.Regular, Keep(_kept, entries.Kept(entry.Kept)), entry.Size);
                break;
            case TarEntryType.Regular:
                record.SetFile(layer, entry.DataOffset, entry.Size);
                break;
            case TarEntryType.Symlink:
                record.SetKept(EntryKind.Symlink, Keep(_links, entry.LinkName.ToArray()), 0);
                break;
            case TarEntryType.HardLink:
                record.SetSame(At(target));
                break;
            default:
                record.SetEmpty(EntryKind.Other);
                break;
        }
    }

    /// <summary>Whether a pruned tree leaves <paramref name="entry"/> out: a file with no kept data, in a directory off the policy's ways.</summary>
    private bool Drops(int parent, LayerRecord entry) =>
        _prunedBy is not null
        && !At(parent).Complete
        && entry.Kept == NodeRecord.None
        && entry.Type is not (TarEntryType.Directory or TarEntryType.Symlink);

    /// <summary>What a missing name means: nothing, unless <paramref name="directory"/> lost files to pruning.</summary>
    private (MergedNode Node, EntryKind Kind)? Absent(int directory)
    {
        Vouch(directory);
        return null;
    }

    /// <summary>Throws <see cref="PrunedTreeException"/> when <paramref name="directory"/> lost files to pruning.</summary>
    private void Vouch(int directory)
    {
        if (At(directory).Pruned)
        {
            throw new PrunedTreeException();
        }
    }

    /// <summary>Whether the directory <paramref name="index"/> is on the way to what the pruning policy names (always, unpruned).</summary>
    private bool Listed(int index)
    {
        if (_prunedBy is null)
        {
            return true;
        }

        _ancestors.Clear();
        for (var node = index; node != 0; node = At(node).Parent)
        {
            if (_ancestors.Count == _prunedBy.ListedDepth)
            {
                return false;
            }

            _ancestors.Add(node);
        }

        var length = 0;
        _pathComponents.Clear();
        for (var i = _ancestors.Count - 1; i >= 0; i--)
        {
            ref var record = ref At(_ancestors[i]);
            if (_path.Length < length + record.NameLength)
            {
                Array.Resize(ref _path, Math.Max(_path.Length * 2, length + record.NameLength));
            }

            _names.Read(record.NameStart, record.NameLength).CopyTo(_path.AsSpan(length));
            _pathComponents.Add(length..(length + record.NameLength));
            length += record.NameLength;
        }

        return _prunedBy.Lists(_path, _pathComponents);
    }

    private static int Keep<T>(List<T> list, T data)
    {
        list.Add(data);
        return list.Count - 1;
    }

    /// <summary>
    /// The record a hard link names. A target missing where files were dropped may be one of them: a link the tree
    /// keeps needs it (<see cref="PrunedTreeException"/>), one it drops (<paramref name="dropped"/>) is taken on trust.
    /// </summary>
    private int HardLinkTarget(LayerRecord entry, string what, bool dropped)
    {
        var components = LayerPaths.Clean(entry.LinkName);
        var linkName = entry.LinkName.ToArray();
        int? directory;
        try
        {
            directory = components.Length == 0 ? null : ExistingDirectory(components[..^1], what);
        }
        catch (PrunedTreeException) when (dropped)
        {
            return NodeRecord.None;
        }

        var target = directory is { } holder ? Find(holder, components[^1]) : NodeRecord.None;
        if (target == NodeRecord.None && directory is { } lost && At(lost).Pruned)
        {
            return dropped ? NodeRecord.None : throw new PrunedTreeException();
        }

        return target switch
        {
            NodeRecord.None => throw Bad(what, entry.Name, $"hard link to {LayerPaths.Display(linkName)}, which is not in the image"),
            _ when At(target).Kind == EntryKind.Directory => throw Bad(what, entry.Name, $"hard link to the directory {LayerPaths.Display(linkName)}"),
            _ => target,
        };
    }

    /// <summary>
    /// The directory holding the entry <paramref name="name"/> (cleaned into <paramref name="components"/>), created
    /// where missing: the last entry's when the bytes of its path up to its last directory are the same, which
    /// clean to the same directories.
    /// </summary>
    private int Parent(ReadOnlySpan<byte> name, List<Range> components, string what)
    {
        var count = components.Count - 1;
        if (count == 0)
        {
            return Root.Index;
        }

        var path = name[..components[count - 1].End.GetOffset(name.Length)];
        if (_parentPathLength >= 0 && path.SequenceEqual(_parentPath.AsSpan(0, _parentPathLength)))
        {
            return _parent;
        }

        _parent = EnsureDirectory(name, components, count, name, what);
        if (_parentPath.Length < path.Length)
        {
            _parentPath = new byte[Math.Max(path.Length, _parentPath.Length * 2)];
        }

        path.CopyTo(_parentPath);
        _parentPathLength = path.Length;
        return _parent;
    }

    /// <summary>The directory at <paramref name="components"/>, following links inside the root; null when there is none.</summary>
    private int? ExistingDirectory(byte[][] components, string what)
    {
        var resolution = InRootResolver.Resolve(this, LayerPaths.Join(components), $"{what}: {LayerPaths.Display(LayerPaths.Join(components))}");
        return resolution is { Kind: EntryKind.Directory } ? resolution.Node.Index : null;
    }

    /// <summary>
    /// The directory at the first <paramref name="count"/> of <paramref name="components"/> (ranges of
    /// <paramref name="path"/>), created where missing, as tar extraction creates parents.
    /// </summary>
    private int EnsureDirectory(ReadOnlySpan<byte> path, List<Range> components, int count, ReadOnlySpan<byte> entryName, string what, int depth = 0)
    {
        if (depth > InRootResolver.MaxSymlinkFollows)
        {
            throw new BootPrepException(BootPrepErrorKind.SymlinkLoop, what, "too many levels of symbolic links (a link loop)");
        }

        var node = 0;
        for (var i = 0; i < count; i++)
        {
            var key = path[components[i]];
            var child = Find(node, key);
            if (child == NodeRecord.None)
            {
                // In a directory that lost files to pruning, the name may have been a file, which is no parent.
                Vouch(node);
                child = Insert(node, key);
                At(child).SetEmpty(EntryKind.Directory);
                At(child).Complete = Listed(child);
            }
            else if (At(child).Kind == EntryKind.Symlink)
            {
                // A link to nothing gets its target made, inside the root, as tar extraction does.
                var link = LayerPaths.Pieces(path, components, i + 1);
                if (ExistingDirectory(link, what) is not { } existing)
                {
                    var target = LayerPaths.Join(LayerPaths.LinkTarget(link, ReadLink(new MergedNode(child), what)));
                    var targetComponents = new List<Range>();
                    LayerPaths.Clean(target, targetComponents);
                    existing = EnsureDirectory(target, targetComponents, targetComponents.Count, entryName, what, depth + 1);
                }

                child = existing;
            }
            else if (At(child).Kind != EntryKind.Directory)
            {
                throw Bad(what, entryName, $"its parent {LayerPaths.Display(LayerPaths.Join(LayerPaths.Pieces(path, components, i + 1)))} is not a directory");
            }

            node = child;
        }

        return node;
    }

    private ref NodeRecord At(int index) => ref _pages[index >> PageBits][index & (PageSize - 1)];

    private int Allocate()
    {
        if (_count == _pages.Count * PageSize)
        {
            _pages.Add(new NodeRecord[PageSize]);
        }

        return _count++;
    }

    /// <summary>The entry <paramref name="name"/> of <paramref name="directory"/>, or <see cref="NodeRecord.None"/>.</summary>
    private int Find(int directory, ReadOnlySpan<byte> name)
    {
        for (var index = _buckets[Bucket(directory, name)]; index != NodeRecord.None; index = At(index).NextInBucket)
        {
            ref var record = ref At(index);
            if (record.Parent == directory && _names.Read(record.NameStart, record.NameLength).SequenceEqual(name))
            {
                return index;
            }
        }

        return NodeRecord.None;
    }

    /// <summary>Adds the entry <paramref name="name"/> to <paramref name="directory"/>; the caller says what it is.</summary>
    private int Insert(int directory, ReadOnlySpan<byte> name)
    {
        var index = Allocate();
        if (_count > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }

        ref var record = ref At(index);
        record.Parent = directory;
        record.NameStart = _names.Append(name);
        record.NameLength = checked((ushort)name.Length);
        ref var bucket = ref _buckets[Bucket(directory, name)];
        (record.NextInBucket, bucket) = (bucket, index);
        ref var parent = ref At(directory);
        (record.NextSibling, parent.FirstChild) = (parent.FirstChild, index);
        return index;
    }

    /// <summary>Removes the entry <paramref name="name"/> of <paramref name="directory"/> and everything below it.</summary>
    private void Remove(int directory, ReadOnlySpan<byte> name)
    {
        ref var parent = ref At(directory);
        var found = Find(directory, name);
        if (found == NodeRecord.None)
        {
            return;
        }

        if (parent.FirstChild == found)
        {
            parent.FirstChild = At(found).NextSibling;
        }
        else
        {
            var previous = parent.FirstChild;
            while (At(previous).NextSibling != found)
            {
                previous = At(previous).NextSibling;
            }

            At(previous).NextSibling = At(found).NextSibling;
        }

        Detach(found);
    }

    /// <summary>Empties <paramref name="directory"/> (an opaque marker).</summary>
    private void Clear(int directory)
    {
        DetachChildren(directory);
        At(directory).FirstChild = NodeRecord.None;
        At(directory).Pruned = false;
    }

    private void DetachChildren(int directory)
    {
        for (var child = At(directory).FirstChild; child != NodeRecord.None; child = At(child).NextSibling)
        {
            Detach(child);
        }
    }

    /// <summary>Takes <paramref name="index"/> and everything below it out of the hash table: nothing finds them again.</summary>
    private void Detach(int index)
    {
        var pending = new Stack<int>();
        pending.Push(index);
        while (pending.TryPop(out var next))
        {
            ref var record = ref At(next);
            ref var link = ref _buckets[Bucket(record.Parent, _names.Read(record.NameStart, record.NameLength))];
            while (link != next)
            {
                link = ref At(link).NextInBucket;
            }

            link = record.NextInBucket;
            if (record.Kind == EntryKind.Directory)
            {
                for (var child = record.FirstChild; child != NodeRecord.None; child = At(child).NextSibling)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private void Rehash(int size)
    {
        var old = _buckets;
        _buckets = [.. Enumerable.Repeat(NodeRecord.None, size)];
        foreach (var head in old)
        {
            for (var index = head; index != NodeRecord.None;)
            {
                ref var record = ref At(index);
                var next = record.NextInBucket;
                ref var bucket = ref _buckets[Bucket(record.Parent, _names.Read(record.NameStart, record.NameLength))];
                (record.NextInBucket, bucket) = (bucket, index);
                index = next;
            }
        }
    }

    private int Bucket(int directory, ReadOnlySpan<byte> name)
    {
        var hash = new HashCode();
        hash.Add(directory);
        hash.AddBytes(name);
        return hash.ToHashCode() & (_buckets.Length - 1);
    }

    private static BootPrepException Bad(string what, ReadOnlySpan<byte> entryName, string problem) =>
        new(BootPrepErrorKind.InvalidImage, what, $"entry {LayerPaths.Display(entryName.ToArray())}: {problem}");
}
