using BootPrep.Bls;
using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Ostree;

/// <summary>
/// The boot entries of a host's current boot configuration, as ostree reads them (ostree-sysroot.c,
/// <c>_ostree_sysroot_read_boot_loader_configs</c>): <c>/boot/loader</c> links to <c>loader.0</c> or <c>loader.1</c>, whose
/// <c>entries/*.conf</c> are ordered by their version, highest first; the first is the default.
/// </summary>
public static class BootEntries
{
    /// <summary>The folder of the current entries, relative to the host's root.</summary>
    public const string Directory = "boot/loader/entries";

    private const string LoaderLink = "boot/loader";

    /// <summary>Which boot configuration is current (0 or 1): the target of /boot/loader.</summary>
    public static int CurrentVersion(HostEnvironment host) =>
        host.ReadLink(LoaderLink) switch
        {
            "loader.0" => 0,
            "loader.1" => 1,
            null => throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf(LoaderLink), "is not a link to loader.0 or loader.1: this is not the /boot of an ostree system"),
            var other => throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf(LoaderLink), $"links to '{other}', not loader.0 or loader.1"),
        };

    /// <summary>The current entries, the default first.</summary>
    public static IReadOnlyList<BootEntry> Read(HostEnvironment host) => [.. EntryFiles.Read(host, Directory).Order(Comparer<BootEntry>.Create(EntryOrder.ByVersion))];
}
