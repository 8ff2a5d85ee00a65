using BootPrep.Bls;
using BootPrep.Errors;
using BootPrep.Hosts;
using BootPrep.Native;

namespace BootPrep.Ostree;

/// <summary>
/// The deployments of a host's current boot configuration, in boot order, each with the boot entry that boots it:
/// what ostree loads as its deployment list (ostree-sysroot.c, <c>_ostree_sysroot_load_deployments</c>, which follows
/// each entry's <c>ostree=</c> link to the deployment's directory).
/// </summary>
public static class BootedDeployments
{
    /// <summary>The physical sysroot, relative to the host's root.</summary>
    public const string Sysroot = "sysroot";

    /// <summary>The current deployments, the default first.</summary>
    public static IReadOnlyList<CurrentDeployment> Read(HostEnvironment host) =>
        [.. BootEntries.Read(host).Select(entry => Of(host, entry))];

    /// <summary>
    /// The deployment the host runs: as ostree tells it (ostree-sysroot.c, <c>parse_deployment</c>), the one whose
    /// directory is the host's root (the same device and inode), else the one the running kernel's <c>ostree=</c>
    /// leads to (a composefs root is a mount of its own).
    /// </summary>
    public static (string OsName, string Name)? Running(HostEnvironment host, IReadOnlyList<CurrentDeployment> current, string runningCmdline)
    {
        if (HostFiles.IdentityOf(host.PathOf("")) is { } root
            && current.FirstOrDefault(deployment => HostFiles.IdentityOf(host.PathOf($"{Sysroot}/{deployment.Deployment.Directory}")) == root) is { } booted)
        {
            return (booted.Deployment.OsName, booted.Deployment.Name);
        }

        return BootLink.Find(runningCmdline) is { } link ? Follow(host, link) : null;
    }

    private static CurrentDeployment Of(HostEnvironment host, BootEntry entry)
    {
        var path = host.PathOf($"{BootEntries.Directory}/{entry.FileName}");
        var link = BootLink.Of(entry) ?? throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, path, "has no ostree= argument of the form /ostree/boot.N/OS/BOOTCSUM/SERIAL: it is not an ostree entry");
        var (osName, name) = Follow(host, link)
            ?? throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, path, $"its ostree={link} does not lead to a deployment under {Sysroot}/ostree/deploy");
        var (checksum, serial) = Deployment.ParseName(name)!.Value;
        return new CurrentDeployment(new Deployment(osName, checksum, serial, link.BootChecksum), entry, Pinned(host, osName, name));
    }

    /// <summary>The deployment a boot link leads to: its link ../../../deploy/OS/deploy/NAME in the sysroot.</summary>
    private static (string OsName, string Name)? Follow(HostEnvironment host, BootLink link) =>
        host.ReadLink($"{Sysroot}{link}") is { } target
        && target.Split('/') is ["..", "..", "..", "deploy", var osName, "deploy", var name]
        && osName == link.OsName
        && Deployment.ParseName(name) is not null
            ? (osName, name)
            : null;

    // ostree_deployment_is_pinned: the origin file's [libostree-transient] pinned=true.
    private static bool Pinned(HostEnvironment host, string osName, string name) =>
        host.ReadText($"{Sysroot}/ostree/deploy/{osName}/deploy/{name}.origin") is { } origin
        && OriginPinned(origin);

    private static bool OriginPinned(string origin)
    {
        var inTransient = false;
        foreach (var raw in origin.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inTransient = line == "[libostree-transient]";
            }
            else if (inTransient && line.Split('=', 2) is [var key, var value] && key.Trim() == "pinned")
            {
                return value.Trim() is "true" or "1";
            }
        }

        return false;
    }
}

/// <summary>A deployment of the current boot configuration.</summary>
/// <param name="Deployment">The deployment.</param>
/// <param name="Entry">The boot entry that boots it.</param>
/// <param name="Pinned">Whether it is pinned: ostree keeps it whatever is deployed.</param>
public sealed record CurrentDeployment(Deployment Deployment, BootEntry Entry, bool Pinned);
