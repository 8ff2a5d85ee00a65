using BootPrep.Files;
using BootPrep.RootFs;

namespace BootPrep.Uki;

/// <summary>Finds a UKI's addons: the regular files <c>&lt;uki&gt;.efi.extra.d/*.addon.efi</c>, in byte order of their names, as systemd-stub loads them.</summary>
public static class AddonFiles
{
    private const string DirectorySuffix = ".extra.d";
    private const string Suffix = ".addon.efi";

    private static readonly Comparer<DirectoryEntry> s_byBytes = Comparer<DirectoryEntry>.Create(DirectoryEntry.CompareByBytes);

    /// <summary>The paths of the addons of the UKI at <paramref name="ukiPath"/>, relative to the image root.</summary>
    public static IEnumerable<ImagePath> Find(IImageRoot root, ImagePath ukiPath)
    {
        var directory = ukiPath.Parent / (ukiPath.Name + DirectorySuffix);
        foreach (var entry in (root.ReadDirectory(directory) ?? []).Order(s_byBytes))
        {
            var path = directory / entry.DisplayName;
            if (entry.Name is { } name && name.EndsWith(Suffix, StringComparison.Ordinal) && root.Stat(path)?.Kind == EntryKind.Regular)
            {
                yield return path;
            }
        }
    }
}
