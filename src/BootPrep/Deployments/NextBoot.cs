using System.Text.Json.Serialization;
using BootPrep.Bls;
using BootPrep.Composefs;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Hosts;
using BootPrep.Ostree;

namespace BootPrep.Deployments;

/// <summary>
/// What the next boot of a host booted from a bootc deployment boots, which <c>bootprep stage</c> without a source
/// stages. On ostree: the staged deployment with the entry finalization will write for it, else the default entry.
/// On bootc's composefs backend: the staged entry (written at stage time), else the default entry.
/// </summary>
/// <param name="From">Which of the two it is.</param>
/// <param name="Stateroot">An ostree deployment's stateroot (ostree's osname).</param>
/// <param name="Deployment">The deployment: CHECKSUM.SERIAL on ostree, the EROFS image's digest on composefs.</param>
/// <param name="Entry">The boot entry's file on the host, when it is one that exists.</param>
/// <param name="Ostree">The value of <c>ostree=</c> the entry carries (for a staged ostree deployment, the prediction).</param>
/// <param name="Composefs">The value of <c>composefs=</c> (the deployment's digest) on composefs.</param>
/// <param name="Reason">Why this one, and for a staged ostree deployment why its <c>ostree=</c> is what it is.</param>
public sealed record NextBoot(
    NextBootSource From,
    string? Stateroot,
    string Deployment,
    string? Entry,
    string? Ostree,
    string? Composefs,
    string Reason)
{
    /// <summary>The file ostree creates in /run when it boots a deployment.</summary>
    public const string OstreeBooted = "run/ostree-booted";

    /// <summary>The kernel, relative to the host's root; null for a UKI.</summary>
    [JsonIgnore]
    public string? Kernel { get; init; }

    /// <summary>The initrds, in order, relative to the host's root.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Initrds { get; init; } = [];

    /// <summary>A UKI to stage instead of a kernel: its path inside <see cref="UkiRoot"/>.</summary>
    [JsonIgnore]
    public ImagePath? Uki { get; init; }

    /// <summary>The file system (relative to the host's root) that <see cref="Uki"/> is a path in.</summary>
    [JsonIgnore]
    public string? UkiRoot { get; init; }

    /// <summary>The entry's command line (empty for a UKI, which brings its own).</summary>
    [JsonIgnore]
    public string Cmdline { get; init; } = "";

    /// <summary>Whether <paramref name="host"/>, whose kernel runs <paramref name="runningCmdline"/>, booted from a deployment.</summary>
    public static bool IsDeploymentHost(HostEnvironment host, string runningCmdline) =>
        host.Exists(OstreeBooted) || ComposefsEntries.DeploymentOf(runningCmdline) is not null;

    /// <summary>
    /// The name of the deployment the next boot of <paramref name="host"/> boots, without reading its files: the staged
    /// one, else the default entry's; null when the host's state does not say.
    /// </summary>
    public static string? NextDeployment(HostEnvironment host, string runningCmdline)
    {
        try
        {
            return ComposefsEntries.DeploymentOf(runningCmdline) is not null
                ? ComposefsStaged.Read(host)?.DeploymentId ?? (ComposefsEntries.Default(host) is var (_, entry) ? ComposefsEntries.DeploymentOf(entry) : null)
                : StagedDeployment.Read(host)?.Target.Name ?? BootedDeployments.Read(host).FirstOrDefault()?.Deployment.Name;
        }
        catch (BootPrepException)
        {
            return null;
        }
    }

    /// <summary>What the next boot of <paramref name="host"/>, whose kernel runs <paramref name="runningCmdline"/>, boots.</summary>
    public static NextBoot Resolve(HostEnvironment host, string runningCmdline) => Resolve(host, runningCmdline, staged: true);

    /// <summary>The default boot entry of <paramref name="host"/>, whatever is staged: what boots once staging is finalized.</summary>
    public static NextBoot ResolveDefault(HostEnvironment host, string runningCmdline) => Resolve(host, runningCmdline, staged: false);

    private static NextBoot Resolve(HostEnvironment host, string runningCmdline, bool staged) =>
        ComposefsEntries.DeploymentOf(runningCmdline) is not null ? ResolveComposefs(host, staged)
        : host.Exists(OstreeBooted) ? ResolveOstree(host, runningCmdline, staged)
        : throw new BootPrepException(BootPrepErrorKind.NotFound, host.PathOf(OstreeBooted), "is not there and the running command line has no composefs=: this host did not boot from a bootc deployment, so there is no next deployment to stage; give the image to stage");

    private static NextBoot ResolveOstree(HostEnvironment host, string runningCmdline, bool includeStaged)
    {
        if (includeStaged && StagedDeployment.Read(host) is { } staged)
        {
            if (staged.Locked)
            {
                throw new BootPrepException(
                    BootPrepErrorKind.DeploymentLocked,
                    host.PathOf(StagedDeployment.Path),
                    $"the staged deployment {staged.Target.Name} is locked: ostree will not finalize it at shutdown, so the next boot is still the default entry; unlock it (remove {host.PathOf(StagedDeployment.LockPath)}, or 'rpm-ostree finalize-deployment') or stage a source");
            }

            var entry = Finalization.Predict(host, staged, runningCmdline);
            return new NextBoot(NextBootSource.StagedDeployment, staged.Target.OsName, staged.Target.Name, null, entry.BootLink.ToString(), null, $"/{StagedDeployment.Path} stages it; {entry.Reason}")
            {
                Kernel = entry.Kernel,
                Initrds = entry.Initrds,
                Cmdline = entry.Options,
            };
        }

        var current = BootedDeployments.Read(host);
        if (current.Count == 0)
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, host.PathOf(BootEntries.Directory), "holds no boot entry: nothing to stage");
        }

        var (deployment, bootEntry, _) = current[0];
        return FromEntry(host, "boot", bootEntry, $"/{BootEntries.Directory}/{bootEntry.FileName}") with
        {
            Stateroot = deployment.OsName,
            Deployment = deployment.Name,
            Ostree = BootLink.Of(bootEntry)!.ToString(),
            Reason = "nothing is staged, so the next boot is the default entry (the highest version)",
        };
    }

    private static NextBoot ResolveComposefs(HostEnvironment host, bool includeStaged)
    {
        if (includeStaged && ComposefsStaged.Read(host) is { } staged)
        {
            if (staged.Locked)
            {
                throw new BootPrepException(
                    BootPrepErrorKind.DeploymentLocked,
                    host.PathOf(ComposefsStaged.Path),
                    $"the staged deployment {staged.DeploymentId} is locked (finalization_locked): bootc-finalize-staged will not make it the default at shutdown, so the next boot is still the default entry; stage a source, or upgrade with --apply");
            }

            var (root, entry) = ComposefsEntries.Staged(host, staged.DeploymentId)
                ?? throw new BootPrepException(
                    BootPrepErrorKind.InvalidDeployment,
                    host.PathOf(ComposefsStaged.Path),
                    $"stages {staged.DeploymentId}, but no loader/entries.staged entry under /{string.Join(", /", ComposefsEntries.BootRoots)} boots it (is the ESP mounted?)");
            return FromEntry(host, root, entry, $"/{root}/loader/entries.staged/{entry.FileName}") with
            {
                From = NextBootSource.StagedDeployment,
                Deployment = staged.DeploymentId,
                Composefs = staged.DeploymentId,
                Reason = $"/{ComposefsStaged.Path} stages it; bootc wrote its entry when it staged it, and bootc-finalize-staged swaps entries.staged in at shutdown",
            };
        }

        var (bootRoot, bootEntry) = ComposefsEntries.Default(host)
            ?? throw new BootPrepException(BootPrepErrorKind.NotFound, host.PathOf("boot/loader/entries"), $"no loader/entries under /{string.Join(", /", ComposefsEntries.BootRoots)} holds an entry: nothing to stage");
        var id = ComposefsEntries.DeploymentOf(bootEntry)
            ?? throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf($"{bootRoot}/loader/entries/{bootEntry.FileName}"), "the default entry names no composefs deployment");
        return FromEntry(host, bootRoot, bootEntry, $"/{bootRoot}/loader/entries/{bootEntry.FileName}") with
        {
            Deployment = id,
            Composefs = id,
            Reason = "nothing is staged, so the next boot is the default entry (by sort-key, then version)",
        };
    }

    /// <summary>An entry's files: paths from the root of its boot file system, which is <paramref name="bootRoot"/> on the host.</summary>
    private static NextBoot FromEntry(HostEnvironment host, string bootRoot, BootEntry entry, string entryPath)
    {
        var boot = new NextBoot(NextBootSource.BootEntry, null, "", entryPath, null, null, "");
        if (entry.Linux is { } linux)
        {
            return boot with { Kernel = OnBoot(host, bootRoot, linux), Initrds = [.. entry.Initrds.Select(initrd => OnBoot(host, bootRoot, initrd))], Cmdline = entry.Options };
        }

        return entry.Efi is { } efi
            ? boot with { Uki = ImagePath.Parse(efi), UkiRoot = bootRoot }
            : throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf(entryPath.TrimStart('/')), "has neither a linux nor an efi line");
    }

    // BLS paths are from the root of the entry's file system; bootc writes /boot/... when /boot is not a mount of its own.
    private static string OnBoot(HostEnvironment host, string bootRoot, string path)
    {
        var onBoot = $"{bootRoot}/{path.TrimStart('/')}";
        return host.Exists(onBoot) || !host.Exists(path.TrimStart('/')) ? onBoot : path.TrimStart('/');
    }
}

/// <summary>Where the next boot comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NextBootSource>))]
public enum NextBootSource
{
    /// <summary>The staged deployment, finalized at shutdown.</summary>
    [JsonStringEnumMemberName("staged-deployment")]
    StagedDeployment,

    /// <summary>The default boot entry.</summary>
    [JsonStringEnumMemberName("boot-entry")]
    BootEntry,
}
