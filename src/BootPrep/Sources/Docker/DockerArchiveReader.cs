using BootPrep.Errors;

namespace BootPrep.Sources.Docker;

/// <summary>Chooses one image in a <c>docker save</c> archive (old <c>&lt;id&gt;/layer.tar</c> and new <c>blobs/sha256/</c> layouts).</summary>
internal static class DockerArchiveReader
{
    /// <summary>Reads manifest.json in <paramref name="files"/> and returns the layers and architecture of the image tagged <paramref name="reference"/>, or of the only one.</summary>
    public static ImageManifest Read(IImageFiles files, string? reference)
    {
        var entries = JsonBlobs.Read(files, "manifest.json", null, null, ImageJsonContext.Default.ListDockerArchiveManifestEntry);
        var entry = Choose(files, entries, reference);
        if (entry.Config is not { } configPath || entry.Layers is not { } layers)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{files.Location}: manifest.json", "an image has no Config or no Layers");
        }

        var config = JsonBlobs.Read(files, configPath, DigestInName(configPath), null, ImageJsonContext.Default.OciImageConfig);
        var diffIds = ImageConfigs.DiffIds(config, $"{files.Location}: {configPath}", layers.Count);
        return new ImageManifest(layers.Select((path, i) => new LayerBlob(path, DigestInName(path), null, null, diffIds[i])).ToList(), config.Architecture);
    }

    private static DockerArchiveManifestEntry Choose(IImageFiles files, List<DockerArchiveManifestEntry> entries, string? reference)
    {
        if (reference is not null)
        {
            return entries.FirstOrDefault(e => e.RepoTags?.Any(tag => SameReference(tag, reference)) == true)
                ?? throw new BootPrepException(BootPrepErrorKind.ImageNotFound, files.Location, $"no image tagged '{reference}'; the archive holds {Describe(entries)}");
        }

        return entries.Count == 1
            ? entries[0]
            : throw new BootPrepException(BootPrepErrorKind.ImageNotFound, files.Location, $"the archive holds {entries.Count} images ({Describe(entries)}); name one as docker-archive:{files.Location}:TAG");
    }

    private static bool SameReference(string tag, string reference) => Normalize(tag) == Normalize(reference);

    /// <summary>docker.io/library/x:tag, docker.io/x:tag and x:tag name the same image; a missing tag is "latest".</summary>
    private static string Normalize(string reference)
    {
        var name = reference;
        foreach (var prefix in (string[])["docker.io/library/", "docker.io/", "index.docker.io/library/"])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
                break;
            }
        }

        var lastSlash = name.LastIndexOf('/');
        return name.IndexOf(':', lastSlash + 1) < 0 && !name.Contains('@', StringComparison.Ordinal) ? name + ":latest" : name;
    }

    private static string Describe(List<DockerArchiveManifestEntry> entries) =>
        entries.Count == 0 ? "no image" : string.Join(", ", entries.Select(e => e.RepoTags is { Count: > 0 } tags ? string.Join(" ", tags) : e.Config ?? "?"));

    /// <summary>blobs/sha256/HEX and HEX.json name their content's digest; old layer paths (&lt;id&gt;/layer.tar) do not.</summary>
    private static Digest? DigestInName(string path)
    {
        var parts = path.Split('/');
        if (parts is ["blobs", var algorithm, var hex])
        {
            return Digest.Parse($"{algorithm}:{hex}", path);
        }

        if (parts is [var file] && file.EndsWith(".json", StringComparison.Ordinal) && file.Length == 69)
        {
            return Digest.Parse($"sha256:{file[..64]}", path);
        }

        return null;
    }
}
