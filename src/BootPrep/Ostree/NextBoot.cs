using System.Text.Json.Serialization;
using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Ostree;

/// <summary>
/// What the next boot of an ostree host boots, which <c>bootprep stage</c> without a source stages: the staged
/// deployment with the entry finalization will write for it, or, with nothing staged, the default boot entry.
/// </summary>
/// <param name="From">Which of the two it is.</param>
/// <param name="Stateroot">The deployment's stateroot (ostree's osname).</param>
/// <param name="Deployment">The deployment's name, CHECKSUM.SERIAL.</param>
/// <param name="Entry">The boot entry's file on the host, when it is one that exists.</param>
/// <param name="Ostree">The value of <c>ostree=</c> the entry carries (for a staged deployment, the prediction).</param>
/// <param name="Kernel">The kernel, relative to the host's root.</param>
/// <param name="Initrds">The initrds, in order, relative to the host's root.</param>
/// <param name="Cmdline">The entry's command line.</param>
/// <param name="Reason">Why this one, and for a staged deployment why its <c>ostree=</c> is what it is.</param>
public sealed record NextBoot(
    NextBootSource From,
    string Stateroot,
    string Deployment,
    string? Entry,
    string Ostree,
    [property: JsonIgnore] string Kernel,
    [property: JsonIgnore] IReadOnlyList<string> Initrds,
    [property: JsonIgnore] string Cmdline,
    string Reason)
{
    /// <summary>The file ostree creates in /run when it boots a deployment.</summary>
    public const string BootedMarker = "run/ostree-booted";

    /// <summary>Whether <paramref name="host"/> booted from an ostree deployment.</summary>
    public static bool IsOstreeHost(HostEnvironment host) => host.Exists(BootedMarker);

    /// <summary>
    /// The name of the deployment the next boot of <paramref name="host"/> boots, without reading its files: the staged
    /// one, else the default entry's; null when the host's ostree state does not say.
    /// </summary>
    public static string? NextDeployment(HostEnvironment host)
    {
        try
        {
            return StagedDeployment.Read(host)?.Target.Name
                ?? BootedDeployments.Read(host).FirstOrDefault()?.Deployment.Name;
        }
        catch (BootPrepException)
        {
            return null;
        }
    }

    /// <summary>What the next boot of <paramref name="host"/>, whose kernel runs <paramref name="runningCmdline"/>, boots.</summary>
    public static NextBoot Resolve(HostEnvironment host, string runningCmdline)
    {
        if (StagedDeployment.Read(host) is { } staged)
        {
            if (staged.Locked)
            {
                throw new BootPrepException(
                    BootPrepErrorKind.DeploymentLocked,
                    host.PathOf(StagedDeployment.Path),
                    $"the staged deployment {staged.Target.Name} is locked: ostree will not finalize it at shutdown, so the next boot is still the default entry; unlock it (remove {host.PathOf(StagedDeployment.LockPath)}, or 'rpm-ostree finalize-deployment') or stage a source");
            }

            var entry = Finalization.Predict(host, staged, runningCmdline);
            return new NextBoot(NextBootSource.StagedDeployment, staged.Target.OsName, staged.Target.Name, null, entry.BootLink.ToString(), entry.Kernel, entry.Initrds, entry.Options, $"/{StagedDeployment.Path} stages it; {entry.Reason}");
        }

        var current = BootedDeployments.Read(host);
        if (current.Count == 0)
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, host.PathOf(BootEntries.Directory), "holds no boot entry: nothing to stage");
        }

        var (deployment, bootEntry, _) = current[0];
        if (bootEntry.Linux is null)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf($"{BootEntries.Directory}/{bootEntry.FileName}"), "has no linux line");
        }

        return new NextBoot(
            NextBootSource.BootEntry,
            deployment.OsName,
            deployment.Name,
            $"/{BootEntries.Directory}/{bootEntry.FileName}",
            bootEntry.BootLink!.ToString(),
            BootPath(bootEntry.Linux),
            [.. bootEntry.Initrds.Select(initrd => BootPath(initrd))],
            bootEntry.Options,
            "nothing is staged, so the next boot is the default entry (the highest version)");
    }

    // An entry's paths are from the root of the boot file system, which is mounted at /boot.
    private static string BootPath(string path) => $"boot/{path.TrimStart('/')}";
}

/// <summary>Where the next boot comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NextBootSource>))]
public enum NextBootSource
{
    /// <summary>The deployment in /run/ostree/staged-deployment, finalized at shutdown.</summary>
    [JsonStringEnumMemberName("staged-deployment")]
    StagedDeployment,

    /// <summary>The default boot entry.</summary>
    [JsonStringEnumMemberName("boot-entry")]
    BootEntry,
}
