using BootPrep.Errors;
using BootPrep.Files;

namespace BootPrep.Layers;

/// <summary>Path rules for names in layer tarballs.</summary>
internal static class LayerPaths
{
    /// <summary>Linux's PATH_MAX, the NUL included: no path in an image root can be longer and still be opened.</summary>
    public const int MaxPathLength = 4096;

    /// <summary>
    /// Splits a tar name into components: "", "." and a leading "/" dropped, ".." resolved lexically and never above
    /// the root. A path longer than <see cref="MaxPathLength"/> is refused, which also bounds its depth.
    /// </summary>
    public static byte[][] Clean(ReadOnlySpan<byte> name)
    {
        var components = new List<Range>();
        Clean(name, components);
        return Pieces(name, components, components.Count);
    }

    /// <summary>
    /// What <see cref="Clean(ReadOnlySpan{byte})"/> returns, as ranges of <paramref name="name"/> put in
    /// <paramref name="components"/> (emptied first), so that cleaning every entry of a layer allocates nothing.
    /// </summary>
    public static void Clean(ReadOnlySpan<byte> name, List<Range> components)
    {
        components.Clear();
        var length = 0;
        foreach (var range in name.Split((byte)'/'))
        {
            var part = name[range];
            if (part.IsEmpty || part.SequenceEqual("."u8))
            {
                continue;
            }

            if (part.SequenceEqual(".."u8))
            {
                if (components.Count > 0)
                {
                    length -= name[components[^1]].Length + 1;
                    components.RemoveAt(components.Count - 1);
                }

                continue;
            }

            components.Add(range);
            length += part.Length + 1;
            if (length >= MaxPathLength)
            {
                var shown = Display(name[..Math.Min(name.Length, 64)].ToArray());
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{shown}…", $"a path of more than {MaxPathLength - 1} bytes (PATH_MAX), which no file in a root can have");
            }
        }
    }

    /// <summary>The first <paramref name="count"/> of <paramref name="components"/> (ranges of <paramref name="name"/>), each as its bytes.</summary>
    public static byte[][] Pieces(ReadOnlySpan<byte> name, List<Range> components, int count)
    {
        var pieces = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            pieces[i] = name[components[i]].ToArray();
        }

        return pieces;
    }

    /// <summary>True when <paramref name="components"/> begin with <paramref name="prefix"/> ("usr", "lib", …).</summary>
    public static bool StartsWith(byte[][] components, byte[][] prefix) =>
        components.Length > prefix.Length && prefix.Select((part, i) => part.AsSpan().SequenceEqual(components[i])).All(same => same);

    /// <summary>The components joined with "/".</summary>
    public static byte[] Join(byte[][] components) => [.. components.SelectMany((part, i) => i == 0 ? part : [(byte)'/', .. part])];

    /// <summary>A path for messages: bytes that are not UTF-8 appear as \xNN escapes.</summary>
    public static string Display(byte[] path) => new DirectoryEntry(path, EntryKind.Other).DisplayName;

    /// <summary>The path, inside the root, that a link at <paramref name="link"/> with <paramref name="target"/> names (lexically: ".." stops at the root).</summary>
    public static byte[][] LinkTarget(byte[][] link, byte[] target) =>
        Clean(target is [(byte)'/', ..] ? target : [.. Join(link[..^1]), (byte)'/', .. target]);
}
