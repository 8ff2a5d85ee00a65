using BootPrep.Architectures;

namespace BootPrep.Sources;

/// <summary>A container image chosen from a layout, an archive or a registry: where its files are and its layers, bottom first.</summary>
public sealed class ContainerImage : IDisposable
{
    internal ContainerImage(IImageFiles files, ImageManifest manifest)
    {
        Files = files;
        Layers = manifest.Layers;
        Architecture = manifest.Architecture is { } name ? CpuArchitecture.FromGo(name) : null;
    }

    /// <summary>The architecture the image's config declares, or null when it declares none.</summary>
    public CpuArchitecture? Architecture { get; }

    /// <summary>The layers, bottom first.</summary>
    public IReadOnlyList<LayerBlob> Layers { get; }

    /// <summary>The layout directory or archive file the image is in.</summary>
    public string Location => Files.Location;

    internal IImageFiles Files { get; }

    /// <summary>Lets go of what reaches the files (a registry's connections).</summary>
    public void Dispose() => (Files as IDisposable)?.Dispose();
}
