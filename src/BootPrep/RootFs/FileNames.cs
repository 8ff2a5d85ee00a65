namespace BootPrep.RootFs;

/// <summary>File-name rules as Rust's <c>Path::extension</c> and <c>Path::file_stem</c> apply them, which bootc relies on.</summary>
public static class FileNames
{
    /// <summary>
    /// True when <paramref name="name"/> ends in "." + <paramref name="extension"/> (case matters) with something
    /// before that dot: ".efi" alone has no extension, "a.efi" and "..efi" do.
    /// </summary>
    public static bool HasExtension(string name, string extension) =>
        name.Length > extension.Length + 1
        && name.EndsWith(extension, StringComparison.Ordinal)
        && name[name.Length - extension.Length - 1] == '.';

    /// <summary>The name without its last extension: "fedora-6.12.efi" gives "fedora-6.12".</summary>
    public static string Stem(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }
}
