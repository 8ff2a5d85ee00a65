namespace BootPrep.Layers;

/// <summary>Path rules for names in layer tarballs.</summary>
internal static class LayerPaths
{
    /// <summary>Splits a tar name into components: "", "." and a leading "/" dropped, ".." resolved lexically and never above the root.</summary>
    public static byte[][] Clean(ReadOnlySpan<byte> name)
    {
        var components = new List<byte[]>();
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
                    components.RemoveAt(components.Count - 1);
                }

                continue;
            }

            components.Add(part.ToArray());
        }

        return [.. components];
    }

    /// <summary>True when <paramref name="components"/> begin with <paramref name="prefix"/> ("usr", "lib", …).</summary>
    public static bool StartsWith(byte[][] components, byte[][] prefix) =>
        components.Length > prefix.Length && prefix.Select((part, i) => part.AsSpan().SequenceEqual(components[i])).All(same => same);
}
