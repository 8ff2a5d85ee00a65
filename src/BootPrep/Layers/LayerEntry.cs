using BootPrep.Native;
using BootPrep.Tar;

namespace BootPrep.Layers;

/// <summary>
/// One entry of a layer, with its data when the scan kept it. Its path is cleaned again when the entry is applied,
/// not kept in pieces, so that what a layer's entries hold grows with their names' bytes and not with their depth.
/// </summary>
/// <param name="Header">The tar header.</param>
/// <param name="Content">The data of a small file kept in memory, or null.</param>
/// <param name="Captured">The data of a file copied into a memory file, or null.</param>
internal sealed record LayerEntry(TarHeader Header, byte[]? Content, MemoryFile? Captured);
