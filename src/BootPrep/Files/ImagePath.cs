using System.Text.Json.Serialization;

namespace BootPrep.Files;

/// <summary>
/// A path inside a root BootPrep opens as an image root (an image; a layer directory of containers-storage; the ESP a
/// boot entry's UKI is on): relative to that root, with "/" between components, and never an empty component, a "."
/// or a leading "/". A ".." stays a component: the resolvers follow it after the links before it, as the kernel
/// does, since "a/../b" is not "b" when a is a link. It is written as it reads, without a leading "/" (the JSON writes the same string). Paths on this
/// machine (an unpack target, the host's tree) are strings, not image paths.
/// </summary>
[JsonConverter(typeof(ImagePathJsonConverter))]
public readonly record struct ImagePath
{
    // Null for the root, so that default(ImagePath) is the root too.
    private readonly string? _text;

    private ImagePath(string text) => _text = text.Length == 0 ? null : text;

    /// <summary>The root itself: no component.</summary>
    public static ImagePath Root => default;

    /// <summary>The last component; empty for the root.</summary>
    public string Name => _text is null ? "" : _text[(_text.LastIndexOf('/') + 1)..];

    /// <summary>The directory that holds it: the root for a one-component path, and for the root itself.</summary>
    public ImagePath Parent => _text is null ? Root : new(_text[..Math.Max(_text.LastIndexOf('/'), 0)]);

    /// <summary>
    /// The path <paramref name="path"/> names: empty and "." components and a leading "/" are dropped, as path
    /// resolution ignores them; ".." is kept for the resolver. Nothing else is refused here (a NUL or a length past
    /// PATH_MAX is the file system's to refuse, as it is today).
    /// </summary>
    public static ImagePath Parse(string path) =>
        new(string.Join('/', path.Split('/').Where(component => component is not ("" or "."))));

    /// <summary>The entry <paramref name="name"/> in the directory <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one component: empty, ".", "..", or holding a "/".</exception>
    public static ImagePath operator /(ImagePath directory, string name) =>
        name is "" or "." or ".." || name.Contains('/')
            ? throw new ArgumentException($"'{name}' is not the name of a directory entry", nameof(name))
            : new(directory._text is null ? name : $"{directory._text}/{name}");

    /// <summary>The path relative to its root, "/" between components; empty for the root.</summary>
    public override string ToString() => _text ?? "";
}
