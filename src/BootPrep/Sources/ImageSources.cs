using BootPrep.Errors;
using BootPrep.Hosts;
using BootPrep.RootFs;
using BootPrep.Sources.Docker;
using BootPrep.Sources.Oci;
using BootPrep.Sources.Registry;
using BootPrep.Sources.Storage;

namespace BootPrep.Sources;

/// <summary>
/// Opens an image root from a source named as skopeo names them: <c>oci:DIR[:REF]</c>,
/// <c>oci-archive:FILE[:REF]</c>, <c>docker-archive:FILE[:REF]</c>, <c>docker://HOST/REPOSITORY[:TAG|@DIGEST]</c>, or a bare path that is one of these or a
/// directory holding the root itself.
/// </summary>
public static class ImageSources
{
    private const string OciTransport = "oci:";
    private const string OciArchiveTransport = "oci-archive:";
    private const string DockerArchiveTransport = "docker-archive:";

    // skopeo's other transports (containers-image/transports/alltransports).
    private static readonly string[] s_unsupportedTransports = ["docker-daemon:", "dir:", "ostree:", "sif:"];

    /// <summary>
    /// Opens <paramref name="source"/> as a container image; null when it is a directory holding a root, not an image.
    /// <paramref name="platform"/> chooses in a multi-platform image (<paramref name="host"/>'s when null);
    /// <paramref name="registry"/> says how to reach a registry (docker://).
    /// </summary>
    public static ContainerImage? OpenImage(string source, Platform? platform, HostEnvironment host, RegistryOptions? registry = null)
    {
        RefuseUnsupportedTransport(source);
        var chosen = platform ?? Platform.Of(host.Architecture);
        var given = platform is not null;
        if (source.StartsWith(StorageReference.Transport, StringComparison.Ordinal))
        {
            return Owning(new StorageFiles(StorageReference.Parse(source)), chosen, given);
        }

        if (source.StartsWith(RegistryReference.Transport, StringComparison.Ordinal))
        {
            return Owning(new RegistryFiles(RegistryReference.Parse(source), registry ?? RegistryOptions.Default, host), chosen, given);
        }

        if (TryTransport(source, OciTransport, out var path, out var reference))
        {
            return FromLayout(new DirectoryFiles(path), reference, chosen, given);
        }

        if (TryTransport(source, OciArchiveTransport, out path, out reference))
        {
            return FromLayout(ArchiveFiles.Index(path), reference, chosen, given);
        }

        if (TryTransport(source, DockerArchiveTransport, out path, out reference))
        {
            return FromDockerArchive(ArchiveFiles.Index(path), reference);
        }

        if (Directory.Exists(source))
        {
            return File.Exists(Path.Combine(source, "oci-layout")) ? FromLayout(new DirectoryFiles(source), null, chosen, given) : null;
        }

        if (File.Exists(source))
        {
            var archive = IndexBareArchive(source);
            if (archive.Exists("oci-layout"))
            {
                return FromLayout(archive, null, chosen, given);
            }

            if (archive.Exists("manifest.json"))
            {
                return FromDockerArchive(archive, null);
            }

            throw new BootPrepException(BootPrepErrorKind.InvalidImage, source, "a tar archive, but neither an OCI layout (oci-layout) nor a docker save archive (manifest.json)");
        }

        // Let the directory opener report what is wrong with the path (missing, unreadable).
        using var _ = DirectoryImageRoot.Open(source);
        return null;
    }

    /// <summary>Names a transport skopeo has and BootPrep does not, with the copy that makes it readable.</summary>
    private static void RefuseUnsupportedTransport(string source)
    {
        var transport = s_unsupportedTransports.FirstOrDefault(prefix => source.StartsWith(prefix, StringComparison.Ordinal));
        if (transport is null || File.Exists(source) || Directory.Exists(source))
        {
            return;
        }

        throw new BootPrepException(
            BootPrepErrorKind.Unsupported,
            source,
            $"the {transport.TrimEnd(':')} transport is not supported; copy the image into an OCI layout first (skopeo copy {source} oci:DIR:latest) and give oci:DIR:latest");
    }

    private static ArchiveFiles IndexBareArchive(string source)
    {
        try
        {
            return ArchiveFiles.Index(source);
        }
        catch (BootPrepException ex) when (ex.Kind == BootPrepErrorKind.InvalidImage)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, source, $"not an image root directory, and not a readable image archive ({ex.Message})");
        }
    }

    private static bool TryTransport(string source, string transport, out string path, out string? reference)
    {
        path = "";
        reference = null;
        if (!source.StartsWith(transport, StringComparison.Ordinal))
        {
            return false;
        }

        // As in skopeo: the first colon after the transport separates the path from the reference.
        var rest = source[transport.Length..];
        var colon = rest.IndexOf(':');
        path = colon < 0 ? rest : rest[..colon];
        reference = colon < 0 || colon == rest.Length - 1 ? null : rest[(colon + 1)..];
        if (path.Length == 0)
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, source, $"no path after {transport}");
        }

        return true;
    }

    /// <summary>The image of files that hold something open (connections, locks), which the image then owns.</summary>
    private static ContainerImage Owning<T>(T files, Platform platform, bool platformGiven)
        where T : IImageFiles, IDisposable
    {
        try
        {
            return FromLayout(files, null, platform, platformGiven);
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    private static ContainerImage FromLayout(IImageFiles files, string? reference, Platform platform, bool platformGiven) =>
        new(files, OciLayoutReader.Read(files, reference, platform, platformGiven));

    private static ContainerImage FromDockerArchive(IImageFiles files, string? reference) =>
        new(files, DockerArchiveReader.Read(files, reference));
}
