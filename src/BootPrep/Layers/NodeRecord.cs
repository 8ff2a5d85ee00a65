using BootPrep.Files;

namespace BootPrep.Layers;

/// <summary>
/// One file of the merged tree as a fixed-size record in the tree's pages: a file costs this record and its name's
/// bytes in the tree's arena, with no object or dictionary of its own. Records link to each other by index.
/// </summary>
internal struct NodeRecord
{
    /// <summary>No record: the end of a list or of a hash chain.</summary>
    public const int None = -1;

    /// <summary>The directory that holds it.</summary>
    public int Parent;

    /// <summary>Where its name's bytes start in the tree's arena.</summary>
    public int NameStart;

    /// <summary>How many bytes its name has (a name is part of a path of at most PATH_MAX bytes).</summary>
    public ushort NameLength;

    private byte _kind;
    private NodeFlags _flags;

    /// <summary>The next older entry of the same directory.</summary>
    public int NextSibling;

    /// <summary>The next record in the same bucket of the tree's hash table.</summary>
    public int NextInBucket;

    // A directory's newest child; a regular file's layer; the index of a link's target or a file's kept data.
    private int _slot;

    /// <summary>Where a regular file's data starts in its layer's tar.</summary>
    public long DataOffset;

    /// <summary>A regular file's size.</summary>
    public long Size;

    /// <summary>The file's type.</summary>
    public EntryKind Kind
    {
        readonly get => (EntryKind)_kind;
        set => _kind = (byte)value;
    }

    /// <summary>A directory's newest entry (it lists from there back through <see cref="NextSibling"/>), or <see cref="None"/>.</summary>
    public int FirstChild
    {
        readonly get => _slot;
        set => _slot = value;
    }

    /// <summary>The layer whose tar holds a regular file's data, when the scan kept none of it.</summary>
    public readonly int Layer => HasKept ? None : _slot;

    /// <summary>Where the tree keeps a link's target or the data the scan kept of a file, or <see cref="None"/>.</summary>
    public readonly int Kept => HasKept ? _slot : None;

    /// <summary>A directory that holds every entry the layers gave it: one on the way to what the scan policy names.</summary>
    public bool Complete
    {
        readonly get => (_flags & NodeFlags.Complete) != 0;
        set => _flags = value ? _flags | NodeFlags.Complete : _flags & ~NodeFlags.Complete;
    }

    /// <summary>A directory the tree dropped entries of: a name it lacks may have been there.</summary>
    public bool Pruned
    {
        readonly get => (_flags & NodeFlags.Pruned) != 0;
        set => _flags = value ? _flags | NodeFlags.Pruned : _flags & ~NodeFlags.Pruned;
    }

    private readonly bool HasKept => (_flags & NodeFlags.HasKept) != 0;

    /// <summary>A regular file whose data is read again from <paramref name="layer"/>.</summary>
    public void SetFile(int layer, long dataOffset, long size)
    {
        Kind = EntryKind.Regular;
        (_slot, _flags, DataOffset, Size) = (layer, 0, dataOffset, size);
    }

    /// <summary>A file of <paramref name="kind"/> whose data or link target the tree keeps at <paramref name="kept"/>.</summary>
    public void SetKept(EntryKind kind, int kept, long size)
    {
        Kind = kind;
        (_slot, _flags, DataOffset, Size) = (kept, NodeFlags.HasKept, 0, size);
    }

    /// <summary>An empty directory, or a file with nothing to keep (a device, a FIFO).</summary>
    public void SetEmpty(EntryKind kind)
    {
        Kind = kind;
        (_slot, _flags, DataOffset, Size) = (None, 0, 0, 0);
    }

    /// <summary>Makes this record a second name for what <paramref name="target"/> holds (a hard link).</summary>
    public void SetSame(in NodeRecord target)
    {
        Kind = target.Kind;
        (_slot, _flags, DataOffset, Size) = (target._slot, target._flags & NodeFlags.HasKept, target.DataOffset, target.Size);
    }

    [Flags]
    private enum NodeFlags : byte
    {
        HasKept = 1,
        Complete = 2,
        Pruned = 4,
    }
}
