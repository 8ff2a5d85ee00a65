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
    private bool _hasKept;

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
    public readonly int Layer => _hasKept ? None : _slot;

    /// <summary>Where the tree keeps a link's target or the data the scan kept of a file, or <see cref="None"/>.</summary>
    public readonly int Kept => _hasKept ? _slot : None;

    /// <summary>A regular file whose data is read again from <paramref name="layer"/>.</summary>
    public void SetFile(int layer, long dataOffset, long size)
    {
        Kind = EntryKind.Regular;
        (_slot, _hasKept, DataOffset, Size) = (layer, false, dataOffset, size);
    }

    /// <summary>A file of <paramref name="kind"/> whose data or link target the tree keeps at <paramref name="kept"/>.</summary>
    public void SetKept(EntryKind kind, int kept, long size)
    {
        Kind = kind;
        (_slot, _hasKept, DataOffset, Size) = (kept, true, 0, size);
    }

    /// <summary>An empty directory, or a file with nothing to keep (a device, a FIFO).</summary>
    public void SetEmpty(EntryKind kind)
    {
        Kind = kind;
        (_slot, _hasKept, DataOffset, Size) = (None, false, 0, 0);
    }

    /// <summary>Makes this record a second name for what <paramref name="target"/> holds (a hard link).</summary>
    public void SetSame(in NodeRecord target)
    {
        Kind = target.Kind;
        (_slot, _hasKept, DataOffset, Size) = (target._slot, target._hasKept, target.DataOffset, target.Size);
    }
}
