using BootPrep.Errors;

namespace BootPrep.Sources.Registry;

/// <summary>
/// An image in a registry as skopeo's docker:// transport names it (containers/image docker/reference):
/// <c>docker://[HOST[:PORT]/]REPOSITORY[:TAG][@DIGEST]</c>. Without a host the registry is docker.io, and a
/// one-part repository there is under library/; without a tag or digest the tag is latest.
/// </summary>
/// <param name="Registry">The registry's host and port as written ("quay.io", "127.0.0.1:5000", "docker.io").</param>
/// <param name="Repository">The repository ("fedora/fedora-bootc").</param>
/// <param name="Reference">The tag or the digest ("sha256:…") to fetch the manifest by.</param>
public sealed record RegistryReference(string Registry, string Repository, string Reference)
{
    /// <summary>The transport prefix.</summary>
    public const string Transport = "docker://";

    private const string DockerHub = "docker.io";

    /// <summary>The host HTTP requests go to: docker.io's API is registry-1.docker.io.</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>True when <see cref="Reference"/> is a digest, which the manifest must match.</summary>
    public bool ByDigest => Reference.Contains(':', StringComparison.Ordinal);

    /// <summary>The name as given back in messages.</summary>
    public override string ToString() => $"{Transport}{Registry}/{Repository}{(ByDigest ? "@" : ":")}{Reference}";

    /// <summary>Parses what follows docker:// in <paramref name="source"/>.</summary>
    public static RegistryReference Parse(string source)
    {
        var name = source[Transport.Length..];
        string? digest = null;
        if (name.IndexOf('@') is var at and >= 0)
        {
            digest = name[(at + 1)..];
            name = name[..at];
            Digest.Parse(digest, source);
        }

        var slash = name.IndexOf('/');
        var first = slash < 0 ? "" : name[..slash];
        var (registry, repository) = slash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost")
            ? (first, name[(slash + 1)..])
            : (DockerHub, name);
        string? tag = null;
        var lastSlash = repository.LastIndexOf('/');
        if (repository.LastIndexOf(':') is var colon and >= 0 && colon > lastSlash)
        {
            tag = repository[(colon + 1)..];
            repository = repository[..colon];
        }

        if (registry == DockerHub && !repository.Contains('/'))
        {
            repository = $"library/{repository}";
        }

        if (repository.Length == 0 || !repository.Split('/').All(IsComponent) || (tag is not null && !IsTag(tag)))
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, source, "not an image name: write docker://HOST/REPOSITORY[:TAG] or docker://HOST/REPOSITORY@sha256:DIGEST");
        }

        return new RegistryReference(registry, repository, digest ?? tag ?? "latest");
    }

    // distribution/reference: path components are lower-case alphanumerics separated by '.', '_', '__' or '-'s.
    private static bool IsComponent(string component) =>
        component.Length > 0
        && char.IsAsciiLetterLower(component[0]) | char.IsAsciiDigit(component[0])
        && char.IsAsciiLetterLower(component[^1]) | char.IsAsciiDigit(component[^1])
        && component.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');

    private static bool IsTag(string tag) =>
        tag.Length is > 0 and <= 128 && (char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_') && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
