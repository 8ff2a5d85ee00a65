namespace BootPrep.Sources;

/// <summary>What BootPrep takes from an image's manifest and config: its layers, bottom first, and its architecture (a Go name).</summary>
/// <param name="Layers">The layers with the digests to check them against.</param>
/// <param name="Architecture">The config's <c>architecture</c>, or null when it has none.</param>
internal sealed record ImageManifest(IReadOnlyList<LayerBlob> Layers, string? Architecture);
