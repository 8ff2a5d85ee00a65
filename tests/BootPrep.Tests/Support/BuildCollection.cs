namespace BootPrep.Tests.Support;

/// <summary>
/// Tests that build the product in Release (NativeAOT publish, tool pack) share its obj directories, so they run
/// one after another, never at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BuildCollection
{
    public const string Name = "Release builds";
}
