using BootPrep.Hosts;
using BootPrep.Kargs;
using BootPrep.Layers;
using BootPrep.RootFs;
using BootPrep.Sources;

namespace BootPrep.Images;

/// <summary>Opens the root of whatever a source names: an image's merged layers, or a directory holding a root.</summary>
public static class ImageRoots
{
    /// <summary>Opens <paramref name="source"/>'s root; <paramref name="platform"/> chooses in multi-platform images (<paramref name="host"/>'s when null).</summary>
    public static IImageRoot Open(string source, Platform? platform, HostEnvironment host) =>
        ImageSources.OpenImage(source, platform, host.Architecture) is { } image
            ? MergedImageRoot.Build(image, keepContentUnder: KargsReader.Directory)
            : DirectoryImageRoot.Open(source);
}
