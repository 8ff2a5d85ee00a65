using BootPrep.Native;
using BootPrep.Tar;

namespace BootPrep.Layers;

/// <summary>One entry of a layer, its path cleaned into components, with its data when the scan kept it.</summary>
/// <param name="Components">The cleaned path.</param>
/// <param name="Header">The tar header.</param>
/// <param name="Content">The data of a small file kept in memory, or null.</param>
/// <param name="Captured">The data of a file copied into a memory file, or null.</param>
internal sealed record LayerEntry(byte[][] Components, TarHeader Header, byte[]? Content, MemoryFile? Captured);
