using BootPrep.Native;
using BootPrep.Tar;

namespace BootPrep.Layers;

/// <summary>
/// One entry of a layer, with its data when the scan kept it. Its path is cleaned again when the entry is applied,
/// not kept in pieces, so that what a layer's entries hold grows with their names' bytes and not with their depth.
/// </summary>
/// <param name="Name">The entry's path, as the bytes the archive holds.</param>
/// <param name="LinkName">The target of a link entry; empty for others.</param>
/// <param name="Type">What the entry is.</param>
/// <param name="Size">A regular file's size.</param>
/// <param name="DataOffset">Where its data starts in the uncompressed tar stream.</param>
/// <param name="Content">The data of a small file kept in memory, or null.</param>
/// <param name="Captured">The data of a file copied into a memory file, or null.</param>
/// <remarks>Only what the merge needs of the header: a layer of a hundred thousand entries is held whole until merged.</remarks>
internal sealed record LayerEntry(byte[] Name, byte[] LinkName, TarEntryType Type, long Size, long DataOffset, byte[]? Content, MemoryFile? Captured)
{
    /// <summary>The entry of <paramref name="header"/>.</summary>
    public static LayerEntry Of(TarHeader header, byte[]? content, MemoryFile? captured) =>
        new(header.Name, header.LinkName, header.Type, header.Size, header.DataOffset, content, captured);
}
