using BootPrep.Bls;
using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Ostree;

/// <summary>
/// Predicts the boot entry ostree-finalize-staged.service will write for the staged deployment at shutdown, as
/// ostree 2022.7 computes it (ostree-sysroot-deploy.c): the deployment list of
/// <c>ostree_sysroot_simple_write_deployment</c> (the staged one first, then the pinned, the booted, the merge
/// deployment and other OSes' deployments), a new boot version unless every deployment's boot configuration
/// equals the one at its place (<c>deployment_bootconfigs_equal</c>), boot serials per boot checksum
/// (<c>assign_bootserials</c>), and <c>install_deployment_kernel</c>'s options with <c>ostree=</c> put in place.
/// </summary>
public static class Finalization
{
    /// <summary>The entry for <paramref name="staged"/> on <paramref name="host"/>, whose kernel runs <paramref name="runningCmdline"/>.</summary>
    public static PredictedEntry Predict(HostEnvironment host, StagedDeployment staged, string runningCmdline)
    {
        var current = BootedDeployments.Read(host);
        var running = BootedDeployments.Running(host, current, runningCmdline);
        var target = staged.Target;
        var kernel = DeploymentKernel.Find(host, target);
        var options = staged.Kargs is { } kargs
            ? string.Join(' ', kargs)
            : MergeOptions(host, staged, current);
        var overlays = string.Concat(staged.OverlayInitrds);

        var kept = current.Where(deployment =>
            deployment.Pinned
            || deployment.Deployment.OsName != target.OsName
            || (running is var (osName, name) && deployment.Deployment.OsName == osName && deployment.Deployment.Name == name)
            || (staged.Merge is { } merge && SameDeployment(deployment.Deployment, merge))).ToList();
        var newCount = kept.Count + 1;
        var reason = newCount != current.Count
            ? $"the boot configuration goes from {current.Count} to {newCount} deployments"
            : FirstDifference(host, current, target, options, overlays, kept);
        var currentVersion = BootEntries.CurrentVersion(host);
        var bootVersion = reason is null ? currentVersion : 1 - currentVersion;
        var link = new BootLink(bootVersion, target.OsName, target.BootChecksum, BootSerial: 0);

        var arguments = OstreeKernelArgs.Split(options);
        if (kernel.Initramfs is null)
        {
            OstreeKernelArgs.Replace(arguments, "init", $"/ostree/boot.{bootVersion}/{target.OsName}/{target.BootChecksum}/0/usr/lib/ostree/ostree-prepare-root");
        }

        OstreeKernelArgs.Replace(arguments, BootLink.Key, link.ToString());
        var initrds = new List<string>();
        if (kernel.Initramfs is { } initramfs)
        {
            initrds.Add(initramfs);
            initrds.AddRange(staged.OverlayInitrds.Select(checksum => $"{StagedDeployment.InitrdsDirectory}/{checksum}"));
        }

        return new PredictedEntry(
            link,
            string.Join(' ', arguments),
            kernel.Kernel,
            initrds,
            reason is null
                ? $"boot version stays {bootVersion}: every deployment's boot configuration equals the one at its place"
                : $"boot version flips from {currentVersion} to {bootVersion}: {reason}");
    }

    /// <summary>Without kargs of its own, a staged deployment takes its merge deployment's entry's options.</summary>
    private static string MergeOptions(HostEnvironment host, StagedDeployment staged, IReadOnlyList<CurrentDeployment> current)
    {
        var merge = staged.Merge ?? throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf(StagedDeployment.Path), "has neither kargs nor a merge deployment to take them from");
        return current.FirstOrDefault(deployment => SameDeployment(deployment.Deployment, merge))?.Entry.Options
            ?? throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf(StagedDeployment.Path), $"its merge deployment {merge.Name} has no boot entry in {host.PathOf(BootEntries.Directory)}, so its options are unknown");
    }

    /// <summary>Why the new list's boot configurations differ from the current ones, or null when they do not.</summary>
    private static string? FirstDifference(HostEnvironment host, IReadOnlyList<CurrentDeployment> current, Deployment target, string options, string overlays, List<CurrentDeployment> kept)
    {
        var next = new List<(Deployment Deployment, string Options, string Overlays)> { (target, options, overlays) };
        next.AddRange(kept.Select(deployment => (deployment.Deployment, deployment.Entry.Options, OverlayId(deployment.Entry))));
        for (var i = 0; i < current.Count; i++)
        {
            var (was, now) = (current[i], next[i]);
            if (was.Deployment.BootChecksum != now.Deployment.BootChecksum)
            {
                return $"deployment {i} has another kernel or initramfs (boot checksum)";
            }

            if (OverlayId(was.Entry) != now.Overlays)
            {
                return $"deployment {i} has other overlay initrds";
            }

            if (OstreeKernelArgs.WithoutBootLink(was.Entry.Options) != OstreeKernelArgs.WithoutBootLink(now.Options))
            {
                return $"deployment {i} has other kernel arguments";
            }

            if (CommitVersion.Of(host, was.Deployment) != CommitVersion.Of(host, now.Deployment))
            {
                return $"deployment {i} has another version";
            }
        }

        return null;
    }

    // ostree reads an entry's overlay initrds back from its initrd lines after the first: /ostree/initramfs-overlays/CHECKSUM.img.
    private static string OverlayId(BootEntry entry) =>
        string.Concat(entry.Initrds.Skip(1).Select(path => Path.GetFileName(path) is var name && name.EndsWith(".img", StringComparison.Ordinal) ? name[..^4] : name));

    private static bool SameDeployment(Deployment x, Deployment y) =>
        x.OsName == y.OsName && x.Checksum == y.Checksum && x.Serial == y.Serial;
}

/// <summary>The boot entry finalization is predicted to write for a staged deployment.</summary>
/// <param name="BootLink">Its <c>ostree=</c> value.</param>
/// <param name="Options">Its kernel command line.</param>
/// <param name="Kernel">The kernel it will boot (the deployment's, which finalization copies to /boot), relative to the host's root.</param>
/// <param name="Initrds">Its initrds, in order, relative to the host's root: the deployment's initramfs, then the overlay initrds.</param>
/// <param name="Reason">Why the boot version is what it is.</param>
public sealed record PredictedEntry(BootLink BootLink, string Options, string Kernel, IReadOnlyList<string> Initrds, string Reason);
