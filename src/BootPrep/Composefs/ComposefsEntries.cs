using BootPrep.Bls;
using BootPrep.Hosts;
using BootPrep.Kargs;

namespace BootPrep.Composefs;

/// <summary>
/// The boot entries bootc's composefs backend writes (bootc v1.16.9, crates/lib/src/bootc_composefs/boot.rs): in
/// <c>loader/entries</c>, and for a staged deployment in <c>loader/entries.staged</c>, of /boot (GRUB) or of the ESP
/// (systemd-boot; where the host mounts it: /boot/efi, /efi or /boot). A type #1 entry names the deployment in its
/// <c>composefs=</c> option (<c>composefs=?DIGEST</c> when fs-verity may be missing) and its kernel in
/// <c>bootc_composefs-DIGEST/</c>; a UKI entry's <c>efi</c> is <c>/EFI/Linux/bootc/bootc_composefs-DIGEST.efi</c>, whose
/// own .cmdline carries <c>composefs=</c>.
/// </summary>
public static class ComposefsEntries
{
    /// <summary>The kernel argument that names the composefs deployment to boot.</summary>
    public const string Key = "composefs";

    /// <summary>The file systems a boot loader reads entries from, relative to the host's root, in the order tried.</summary>
    public static IReadOnlyList<string> BootRoots { get; } = ["boot", "boot/efi", "efi"];

    /// <summary>The digest <c>composefs=</c> names in <paramref name="cmdline"/> (without its <c>?</c>), or null.</summary>
    public static string? DeploymentOf(string cmdline) =>
        KernelCommandLine.Split(cmdline).Select(KernelParameter.Parse).LastOrDefault(parameter => parameter.Key == Key) is { Value: { } value }
            ? value.TrimStart('?')
            : null;

    /// <summary>The staged entry of <paramref name="deployment"/> and the boot file system it is on, or null.</summary>
    public static (string BootRoot, BootEntry Entry)? Staged(HostEnvironment host, string deployment) =>
        BootRoots
            .SelectMany(root => EntryFiles.Read(host, $"{root}/loader/entries.staged").Select(entry => (BootRoot: root, Entry: entry)))
            .Where(found => Boots(found.Entry, deployment))
            .Select(found => ((string, BootEntry)?)found)
            .FirstOrDefault();

    /// <summary>The default entry (systemd-boot's order: sort-key, then version) and its boot file system, or null.</summary>
    public static (string BootRoot, BootEntry Entry)? Default(HostEnvironment host)
    {
        foreach (var root in BootRoots)
        {
            if (EntryFiles.Read(host, $"{root}/loader/entries").Order(Comparer<BootEntry>.Create(EntryOrder.BySortKey)).FirstOrDefault() is { } entry)
            {
                return (root, entry);
            }
        }

        return null;
    }

    /// <summary>The deployment <paramref name="entry"/> boots, or null when it names none.</summary>
    public static string? DeploymentOf(BootEntry entry) =>
        entry.Efi is { } efi && Path.GetFileName(efi) is var name && name.StartsWith("bootc_composefs-", StringComparison.Ordinal) && name.EndsWith(".efi", StringComparison.Ordinal)
            ? name["bootc_composefs-".Length..^".efi".Length]
            : DeploymentOf(entry.Options);

    private static bool Boots(BootEntry entry, string deployment) => DeploymentOf(entry) == deployment;
}
