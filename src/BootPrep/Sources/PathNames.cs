namespace BootPrep.Sources;

/// <summary>Lexical path rules for names inside layouts and archives (a path inside an image root is a <see cref="Files.ImagePath"/>).</summary>
internal static class PathNames
{
    /// <summary>Removes empty, "." and leading "/" components and resolves ".." lexically, never above the top.</summary>
    public static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>True for a relative path with no ".." component: it cannot leave the directory it is joined to.</summary>
    public static bool IsSafeRelative(string path) =>
        !path.StartsWith('/') && !path.Split('/').Contains("..");
}
