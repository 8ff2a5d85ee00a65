using BootPrep.Tar;

namespace BootPrep.Layers;

/// <summary>One entry of a layer, its path cleaned into components, with its content when it was small and wanted.</summary>
internal sealed record LayerEntry(byte[][] Components, TarHeader Header, byte[]? Content);
