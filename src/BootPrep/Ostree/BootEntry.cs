using BootPrep.Kargs;

namespace BootPrep.Ostree;

/// <summary>
/// A Boot Loader Specification type #1 entry (<c>loader/entries/*.conf</c>) as ostree writes and reads it: lines of
/// a key, white space and a value; <c>#</c> starts a comment; <c>initrd</c> may repeat.
/// </summary>
/// <param name="FileName">The entry's file name ("ostree-2-fedora.conf").</param>
/// <param name="Title">The title line.</param>
/// <param name="Version">The version line, by which boot loaders order ostree's entries (highest first).</param>
/// <param name="Linux">The kernel, a path from the root of the boot file system.</param>
/// <param name="Initrds">The initrds, in order.</param>
/// <param name="Options">The kernel command line.</param>
public sealed record BootEntry(string FileName, string? Title, string? Version, string? Linux, IReadOnlyList<string> Initrds, string Options)
{
    /// <summary>Parses the text of the entry <paramref name="fileName"/>.</summary>
    public static BootEntry Parse(string fileName, string text)
    {
        string? title = null, version = null, linux = null;
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
            }
        }

        return new BootEntry(fileName, title, version, linux, initrds, string.Join(' ', options));
    }

    /// <summary>The entry's <c>ostree=</c> argument, or null when it has none or it is not of ostree's shape.</summary>
    public BootLink? BootLink =>
        KernelCommandLine.Split(Options).Select(KernelParameter.Parse).FirstOrDefault(parameter => parameter.Key == Ostree.BootLink.Key) is { Value: { } value }
            ? Ostree.BootLink.Parse(value)
            : null;
}
