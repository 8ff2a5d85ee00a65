using BootPrep.RootFs;

namespace BootPrep.Tests.Support;

/// <summary>Both ways <see cref="DirectoryImageRoot"/> keeps paths in the root; every resolution test runs with each.</summary>
public static class Resolutions
{
    public static TheoryData<string> Both => new() { nameof(PathResolution.Kernel), nameof(PathResolution.UserSpace) };

    internal static DirectoryImageRoot Open(string hostPath, string resolution) =>
        DirectoryImageRoot.Open(hostPath, Enum.Parse<PathResolution>(resolution));
}
