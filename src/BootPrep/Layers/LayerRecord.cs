using BootPrep.Tar;

namespace BootPrep.Layers;

/// <summary>One entry of a layer as the merge reads it back from <see cref="LayerEntries"/>: only what the merge needs of the header.</summary>
/// <param name="Name">The entry's path, as the bytes the archive holds; valid until the next entry is read.</param>
/// <param name="LinkName">The target of a link entry; empty for others.</param>
/// <param name="Type">What the entry is.</param>
/// <param name="Size">A regular file's size.</param>
/// <param name="DataOffset">Where its data starts in the uncompressed tar stream.</param>
/// <param name="Kept">Where <see cref="LayerEntries"/> holds the data the scan kept of it, or -1.</param>
internal readonly ref struct LayerRecord(ReadOnlySpan<byte> Name, ReadOnlySpan<byte> LinkName, TarEntryType Type, long Size, long DataOffset, int Kept)
{
    /// <summary>The entry's path, as the bytes the archive holds.</summary>
    public ReadOnlySpan<byte> Name { get; } = Name;

    /// <summary>The target of a link entry; empty for others.</summary>
    public ReadOnlySpan<byte> LinkName { get; } = LinkName;

    /// <summary>What the entry is.</summary>
    public TarEntryType Type { get; } = Type;

    /// <summary>A regular file's size.</summary>
    public long Size { get; } = Size;

    /// <summary>Where its data starts in the uncompressed tar stream.</summary>
    public long DataOffset { get; } = DataOffset;

    /// <summary>Where <see cref="LayerEntries"/> holds the data the scan kept of it, or -1.</summary>
    public int Kept { get; } = Kept;
}
