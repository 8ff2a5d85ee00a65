using System.Text;
using BootPrep.Errors;

namespace BootPrep.Layers;

/// <summary>What a whiteout entry asks for (image-spec layer.md, "Whiteouts").</summary>
internal enum WhiteoutKind
{
    /// <summary><c>.wh.NAME</c>: NAME of lower layers is gone.</summary>
    Remove,

    /// <summary><c>.wh..wh..opq</c>: everything lower layers hold in this directory is gone.</summary>
    Opaque,

    /// <summary>Another <c>.wh..wh.</c> name (aufs metadata such as <c>.wh..wh.plnk</c>): not part of the image.</summary>
    Ignored,
}

/// <summary>Recognises whiteout entries by their last path component.</summary>
internal static class Whiteout
{
    private const string Prefix = ".wh.";
    private const string MetaPrefix = ".wh..wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    /// <summary>
    /// The whiteout an entry's last path component expresses and the name it hides, or null for an ordinary
    /// entry; <paramref name="layer"/> and <paramref name="entryName"/> name a refused whiteout in the error.
    /// </summary>
    public static (WhiteoutKind Kind, byte[] Name)? Parse(ReadOnlySpan<byte> component, string layer, ReadOnlySpan<byte> entryName)
    {
        if (!component.StartsWith(".wh."u8))
        {
            return null;
        }

        var name = Encoding.Latin1.GetString(component);
        if (name == OpaqueMarker)
        {
            return (WhiteoutKind.Opaque, []);
        }

        if (name.StartsWith(MetaPrefix, StringComparison.Ordinal))
        {
            return (WhiteoutKind.Ignored, []);
        }

        var hidden = name[Prefix.Length..];
        // ".wh." alone, ".wh.." and ".wh..." would hide the directory itself or its parent: refuse them.
        return hidden is "" or "." or ".."
            ? throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{layer}: {LayerPaths.Display(entryName.ToArray())}", $"whiteout '{name}' names no file")
            : (WhiteoutKind.Remove, Encoding.Latin1.GetBytes(hidden));
    }
}
