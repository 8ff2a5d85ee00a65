using BootPrep.Hosts;
using BootPrep.Detection;
using BootPrep.Kargs;
using BootPrep.Layers;
using BootPrep.Layers.Cache;
using BootPrep.RootFs;
using BootPrep.Sources;
using BootPrep.Sources.Registry;

namespace BootPrep.Images;

/// <summary>Opens the root of whatever a source names: an image's merged layers, or a directory holding a root.</summary>
public static class ImageRoots
{
    /// <summary>
    /// Opens <paramref name="source"/>'s root; <paramref name="platform"/> chooses in multi-platform images
    /// (<paramref name="host"/>'s when null), <paramref name="registry"/> says how to reach a registry. With
    /// <paramref name="cached"/>, layers summarized before in the host's cache are not read again (inspect only:
    /// what stage loads is read from the layers, verified, every time).
    /// </summary>
    public static IImageRoot Open(string source, Platform? platform, HostEnvironment host, RegistryOptions? registry = null, bool cached = false) =>
        ImageSources.OpenImage(source, platform, host, registry) is { } image
            ? MergedImageRoot.Build(image, BootcFiles, cached && host.CacheDirectory is { } directory ? new LayerCache(directory) : null)
            : DirectoryImageRoot.Open(source);

    /// <summary>
    /// The files detection, inspection and staging read, kept from the one verified pass over each layer: kargs.d
    /// in memory; UKIs, their addons, vmlinuz and initramfs.img in memory files. Anything else (a kernel reached
    /// through a link, say) is read again from its layer, verified again.
    /// </summary>
    public static ScanPolicy BootcFiles { get; } = new(
        [$"{KargsReader.Directory}/*"],
        [
            $"{KernelFinder.UkiDirectory}/*",
            $"{KernelFinder.UkiDirectory}/*/*",
            $"{KernelFinder.ModulesDirectory}/*/vmlinuz",
            $"{KernelFinder.ModulesDirectory}/*/initramfs.img",
        ]);
}
