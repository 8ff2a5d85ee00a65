using BootPrep.Hosts;

namespace BootPrep.Ostree;

/// <summary>
/// The <c>version</c> of a deployment's commit (its metadata key, which ostree shows in the boot entry's title and
/// compares when it decides whether the boot configuration changes), read from the commit object in the sysroot's
/// repository; null when there is none.
/// </summary>
internal static class CommitVersion
{
    // A commit object is its metadata and a few checksums; container commits carry the image config in it: kilobytes.
    private const int MaxCommitSize = 16 << 20;

    public static string? Of(HostEnvironment host, Deployment deployment)
    {
        var path = $"{BootedDeployments.Sysroot}/ostree/repo/objects/{deployment.Checksum[..2]}/{deployment.Checksum[2..]}.commit";
        if (host.ReadBytes(path, MaxCommitSize) is not { Length: <= MaxCommitSize } commit)
        {
            return null;
        }

        try
        {
            return GVariantReader.ReadCommitMetadata(commit).TryGetValue("version", out var version) ? version as string : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
