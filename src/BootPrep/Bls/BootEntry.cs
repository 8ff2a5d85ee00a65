namespace BootPrep.Bls;

/// <summary>
/// A Boot Loader Specification entry (<c>loader/entries/*.conf</c>) as ostree and bootc write and read it: lines of
/// a key, white space and a value; <c>#</c> starts a comment; <c>initrd</c> may repeat; <c>options</c> lines join.
/// </summary>
/// <param name="FileName">The entry's file name ("ostree-2-fedora.conf").</param>
/// <param name="Title">The title line.</param>
/// <param name="Version">The version line, by which boot loaders order ostree's entries (highest first).</param>
/// <param name="Linux">The kernel, a path from the root of the boot file system.</param>
/// <param name="Initrds">The initrds, in order.</param>
/// <param name="Options">The kernel command line.</param>
public sealed record BootEntry(string FileName, string? Title, string? Version, string? Linux, IReadOnlyList<string> Initrds, string Options)
{
    /// <summary>A type #2 (UKI) entry's <c>efi</c> (or systemd-boot's <c>uki</c>) path, from the root of its file system.</summary>
    public string? Efi { get; init; }

    /// <summary>The <c>sort-key</c>, by which systemd-boot orders entries before their version (ascending).</summary>
    public string? SortKey { get; init; }

    /// <summary>Parses the text of the entry <paramref name="fileName"/>.</summary>
    public static BootEntry Parse(string fileName, string text)
    {
        string? title = null, version = null, linux = null, efi = null, sortKey = null;
        var initrds = new List<string>();
        var options = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var split = line.IndexOfAny([' ', '\t']);
            var key = split < 0 ? line : line[..split];
            var value = split < 0 ? "" : line[split..].Trim();
            switch (key)
            {
                case "title": title ??= value; break;
                case "version": version ??= value; break;
                case "linux": linux ??= value; break;
                case "initrd": initrds.Add(value); break;
                case "options": options.Add(value); break;
                case "efi" or "uki": efi ??= value; break;
                case "sort-key": sortKey ??= value; break;
            }
        }

        return new BootEntry(fileName, title, version, linux, initrds, string.Join(' ', options)) { Efi = efi, SortKey = sortKey };
    }
}
