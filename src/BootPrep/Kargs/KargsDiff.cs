namespace BootPrep.Kargs;

/// <summary>
/// The kernel command line an upgrade gives, as bootc's <c>compute_apply_kargs_diff</c> (crates/lib/src/bootc_kargs.rs)
/// computes it: the running command line, minus the kargs.d parameters the running root has and the new image no
/// longer has, plus those the new image adds. What the user or the boot loader set stays.
/// </summary>
/// <param name="Cmdline">The resulting command line.</param>
/// <param name="Added">The new image's kargs.d parameters that the running root's kargs.d did not have.</param>
/// <param name="Removed">The running root's kargs.d parameters that the new image's kargs.d no longer has.</param>
public sealed record KargsDiff(string Cmdline, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    /// <summary>Applies the difference between <paramref name="existing"/> and <paramref name="remote"/> kargs.d parameters to <paramref name="running"/>.</summary>
    public static KargsDiff Apply(string running, IReadOnlyList<string> existing, IReadOnlyList<string> remote)
    {
        var existingParameters = existing.Select(KernelParameter.Parse).ToList();
        var remoteParameters = remote.Select(KernelParameter.Parse).ToList();
        var existingIdentities = existingParameters.Select(parameter => parameter.Identity).ToHashSet(StringComparer.Ordinal);
        var remoteIdentities = remoteParameters.Select(parameter => parameter.Identity).ToHashSet(StringComparer.Ordinal);
        var added = remoteParameters.Where(parameter => !existingIdentities.Contains(parameter.Identity)).ToList();
        var removed = existingParameters.Where(parameter => !remoteIdentities.Contains(parameter.Identity)).ToList();

        // Everything from a lone "--" on is for init, not the kernel (Documentation/admin-guide/kernel-parameters.rst).
        var parameters = KernelCommandLine.Split(running).ToList();
        var initStart = parameters.IndexOf("--");
        var cmdline = new KernelCommandLine(initStart < 0 ? running : string.Join(' ', parameters.Take(initStart)));
        foreach (var parameter in removed)
        {
            cmdline.RemoveExact(parameter);
        }

        foreach (var parameter in added)
        {
            cmdline.Add(parameter);
        }

        var init = initStart < 0 ? "" : string.Join(' ', parameters.Skip(initStart));
        return new KargsDiff(
            string.Join(' ', new[] { cmdline.ToString(), init }.Where(part => part.Length > 0)),
            [.. added.Select(parameter => parameter.Text)],
            [.. removed.Select(parameter => parameter.Text)]);
    }
}
