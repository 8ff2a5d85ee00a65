using BootPrep.Errors;

namespace BootPrep.Sources.Storage;

/// <summary>
/// An image in podman's and buildah's local storage as skopeo names it (containers/image storage transport):
/// <c>containers-storage:[[DRIVER@]ROOT[+RUNROOT]:]IMAGE</c>, IMAGE a name ("localhost/os:1") or an image ID.
/// </summary>
/// <param name="Driver">The graph driver (overlay, vfs), or null to take the one the root holds.</param>
/// <param name="Root">The storage root; /var/lib/containers/storage by default.</param>
/// <param name="Image">The image's name or ID.</param>
public sealed record StorageReference(string? Driver, string Root, string Image)
{
    /// <summary>The transport prefix.</summary>
    public const string Transport = "containers-storage:";

    /// <summary>The storage root of root's podman and buildah.</summary>
    public const string DefaultRoot = "/var/lib/containers/storage";

    /// <summary>Parses <paramref name="source"/>, which starts with <see cref="Transport"/>.</summary>
    public static StorageReference Parse(string source)
    {
        var rest = source[Transport.Length..];
        string? driver = null;
        var root = DefaultRoot;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0)
            {
                throw new BootPrepException(BootPrepErrorKind.NotFound, source, "no ] after [: write containers-storage:[DRIVER@ROOT+RUNROOT]IMAGE");
            }

            var store = rest[1..close];
            rest = rest[(close + 1)..];
            if (store.IndexOf('@') is var at and >= 0)
            {
                driver = store[..at];
                store = store[(at + 1)..];
            }

            root = store.Split('+')[0];
        }

        return rest.Length > 0 && root.Length > 0
            ? new StorageReference(driver, root, rest)
            : throw new BootPrepException(BootPrepErrorKind.NotFound, source, "no image after containers-storage:; write containers-storage:IMAGE or containers-storage:[DRIVER@ROOT+RUNROOT]IMAGE");
    }

    /// <summary>The name as given back in messages.</summary>
    public override string ToString() => $"{Transport}[{Driver}@{Root}]{Image}";
}
