namespace BootPrep.Sources;

/// <summary>The image a reference and platform chose: its layers, bottom first.</summary>
/// <param name="Layers">The layers, bottom first.</param>
/// <param name="Platform">The platform its config states.</param>
internal sealed record ImageManifestView(IReadOnlyList<LayerBlob> Layers, OciPlatformView Platform);
