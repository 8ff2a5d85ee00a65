using BootPrep.Errors;

namespace BootPrep.Sources.Oci;

/// <summary>
/// Chooses one image in an OCI image layout (a directory or an oci-archive) by reference and platform, as
/// skopeo's oci transports do, and lists its layers with the digests to check them against.
/// </summary>
internal static class OciLayoutReader
{
    /// <summary>The annotation that names an image in index.json.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    private const string IndexMediaType = "application/vnd.oci.image.index.v1+json";
    private const string DockerListMediaType = "application/vnd.docker.distribution.manifest.list.v2+json";
    private const string AttestationAnnotation = "vnd.docker.reference.type";

    // skopeo and containers/image follow nested indexes without a limit; BootPrep stops a hostile chain early.
    private const int MaxIndexDepth = 8;

    /// <summary>Reads the layout in <paramref name="files"/> and returns the chosen image's layers, bottom first, and architecture.</summary>
    public static ImageManifest Read(IImageFiles files, string? reference, Platform platform, bool platformGiven)
    {
        if (!files.Exists("oci-layout"))
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, files.Location, "not an OCI image layout: no oci-layout file");
        }

        var index = JsonBlobs.Read(files, "index.json", null, null, ImageJsonContext.Default.OciIndex);
        var descriptor = ChooseTop(files, index, reference, platform);
        for (var depth = 1; descriptor.MediaType is IndexMediaType or DockerListMediaType; depth++)
        {
            var where = $"{files.Location}: {descriptor.Digest}";
            if (depth > MaxIndexDepth)
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, where, $"image indexes nested more than {MaxIndexDepth} deep; a real image has one or two");
            }

            var nested = JsonBlobs.Read(files, BlobPath(files, descriptor), Digest(files, descriptor), descriptor.Size, ImageJsonContext.Default.OciIndex);
            descriptor = nested.Manifests is { Count: > 0 } manifests
                ? ChooseByPlatform(files, manifests, platform)
                : throw new BootPrepException(BootPrepErrorKind.InvalidImage, where, "its descriptor says image index, but it lists no manifests (is it a manifest?)");
        }

        var manifest = JsonBlobs.Read(files, BlobPath(files, descriptor), Digest(files, descriptor), descriptor.Size, ImageJsonContext.Default.OciManifest);
        if (manifest.Config is not { } configDescriptor || manifest.Layers is not { } layers)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{files.Location}: {descriptor.Digest}", "the manifest has no config or no layers");
        }

        var config = JsonBlobs.Read(files, BlobPath(files, configDescriptor), Digest(files, configDescriptor), configDescriptor.Size, ImageJsonContext.Default.OciImageConfig);
        var configPlatform = new OciPlatformView(config.Os, config.Architecture, config.Variant);
        if (platformGiven && !platform.Matches(configPlatform))
        {
            throw new BootPrepException(BootPrepErrorKind.ImageNotFound, files.Location, $"the image is for {configPlatform}, not {platform}");
        }

        var diffIds = ImageConfigs.DiffIds(config, $"{files.Location}: {configDescriptor.Digest}", layers.Count);
        return new ImageManifest(layers.Select((layer, i) => Layer(files, layer, diffIds[i])).ToList(), config.Architecture);
    }

    private static LayerBlob Layer(IImageFiles files, OciDescriptor layer, Digest diffId)
    {
        var digest = Digest(files, layer);
        var toc = TocLocation.FromAnnotations(layer.Annotations, $"{files.Location}: layer {digest}");
        if (toc is ZstdChunkedToc chunked && chunked.Offset > layer.Size - chunked.Length)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{files.Location}: layer {digest}", $"its table of contents ({chunked.Length} bytes at {chunked.Offset}) lies past the blob's {layer.Size} bytes");
        }

        return new LayerBlob(BlobPath(files, layer), digest, layer.Size, layer.MediaType, diffId, toc);
    }

    private static OciDescriptor ChooseTop(IImageFiles files, OciIndex index, string? reference, Platform platform)
    {
        var manifests = index.Manifests ?? [];
        if (reference is not null)
        {
            var named = manifests.Where(m => RefName(m) == reference).ToList();
            return named.Count switch
            {
                0 => throw new BootPrepException(BootPrepErrorKind.ImageNotFound, files.Location, $"no image named '{reference}'; the layout holds {Describe(manifests)}"),
                1 => named[0],
                _ => ChooseByPlatform(files, named, platform),
            };
        }

        return manifests.Count switch
        {
            0 => throw new BootPrepException(BootPrepErrorKind.ImageNotFound, files.Location, "the layout holds no image"),
            1 => manifests[0],
            _ when manifests.All(m => m.Platform is not null) => ChooseByPlatform(files, manifests, platform),
            _ => throw new BootPrepException(BootPrepErrorKind.ImageNotFound, files.Location, $"the layout holds {manifests.Count} images ({Describe(manifests)}); name one as {(files.IsArchive ? "oci-archive" : "oci")}:{files.Location}:REF"),
        };
    }

    private static OciDescriptor ChooseByPlatform(IImageFiles files, List<OciDescriptor> manifests, Platform platform)
    {
        var images = manifests.Where(m => !IsAttestation(m)).ToList();
        if (images is [{ Platform: null } only])
        {
            // One image that names no platform: its config says which, and is checked against --platform.
            return only;
        }

        return images.FirstOrDefault(m => m.Platform is { } p && platform.Matches(new OciPlatformView(p.Os, p.Architecture, p.Variant)))
            ?? throw new BootPrepException(
                BootPrepErrorKind.ImageNotFound,
                files.Location,
                $"no image for {platform}; there are {string.Join(", ", images.Select(m => m.Platform is { } p ? new OciPlatformView(p.Os, p.Architecture, p.Variant).ToString() : "unknown"))}; choose one with --platform");
    }

    private static bool IsAttestation(OciDescriptor descriptor) =>
        descriptor.Annotations?.GetValueOrDefault(AttestationAnnotation) == "attestation-manifest"
        || descriptor.Platform is { Os: "unknown", Architecture: "unknown" };

    private static string? RefName(OciDescriptor descriptor) => descriptor.Annotations?.GetValueOrDefault(RefNameAnnotation);

    private static string Describe(List<OciDescriptor> manifests) =>
        manifests.Count == 0 ? "no image" : string.Join(", ", manifests.Select(m => RefName(m) is { } name ? $"'{name}'" : m.Digest ?? "?"));

    private static Digest Digest(IImageFiles files, OciDescriptor descriptor) => Sources.Digest.Parse(descriptor.Digest, $"{files.Location}: index or manifest");

    private static string BlobPath(IImageFiles files, OciDescriptor descriptor)
    {
        var digest = Digest(files, descriptor);
        if (descriptor.Size < 0)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{files.Location}: {digest}", "negative size in descriptor");
        }

        return $"blobs/{digest.Algorithm}/{digest.Hex}";
    }
}
