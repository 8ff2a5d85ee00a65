using BootPrep.Files;
using BootPrep.Native;

namespace BootPrep.Layers;

/// <summary>One file of the merged image root: its metadata and where its data lies, never the data of large files.</summary>
internal sealed class MergedNode
{
    private MergedNode(EntryKind kind) => Kind = kind;

    /// <summary>The file's type.</summary>
    public EntryKind Kind { get; private init; }

    /// <summary>A regular file's size.</summary>
    public long Size { get; private init; }

    /// <summary>A symbolic link's target, as stored.</summary>
    public byte[] LinkTarget { get; private init; } = [];

    /// <summary>The layer whose tar holds a regular file's data.</summary>
    public int Layer { get; private init; }

    /// <summary>Where a regular file's data starts in that layer's tar.</summary>
    public long DataOffset { get; private init; }

    /// <summary>The data of a small file kept during the scan, or null.</summary>
    public byte[]? Content { get; private init; }

    /// <summary>The data of a file the scan copied into a memory file, or null.</summary>
    public MemoryFile? Captured { get; private init; }

    /// <summary>A directory's entries, keyed by the name's bytes.</summary>
    public Dictionary<byte[], MergedNode>? Children { get; private init; }

    public static MergedNode Directory() => new(EntryKind.Directory) { Children = new(NameComparer.Instance) };

    public static MergedNode File(int layer, long dataOffset, long size, byte[]? content, MemoryFile? captured) =>
        new(EntryKind.Regular) { Layer = layer, DataOffset = dataOffset, Size = size, Content = content, Captured = captured };

    public static MergedNode Symlink(byte[] target) => new(EntryKind.Symlink) { LinkTarget = target };

    public static MergedNode Special() => new(EntryKind.Other);

    /// <summary>A hard link: a second name for the same data.</summary>
    public MergedNode Link() => new(Kind) { Size = Size, LinkTarget = LinkTarget, Layer = Layer, DataOffset = DataOffset, Content = Content, Captured = Captured };
}
