using BootPrep.Errors;

namespace BootPrep.Sources;

/// <summary>What BootPrep takes from an image config: one diff_id per layer.</summary>
internal static class ImageConfigs
{
    /// <summary>The config's diff_ids, which must be one per layer.</summary>
    public static IReadOnlyList<Digest> DiffIds(Oci.OciImageConfig config, string what, int layerCount)
    {
        var diffIds = config.RootFs?.DiffIds ?? [];
        if (diffIds.Count != layerCount)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"the config lists {diffIds.Count} diff_ids for {layerCount} layers");
        }

        return diffIds.Select(id => Digest.Parse(id, what)).ToList();
    }
}
