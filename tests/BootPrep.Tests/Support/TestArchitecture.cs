using BootPrep.Inspection;

namespace BootPrep.Tests.Support;

/// <summary>Architectures tests inspect for, so that no result depends on the machine the tests run on.</summary>
internal static class TestArchitecture
{
    /// <summary>x86_64, as if given with --arch.</summary>
    public static ArchitectureChoice X86_64 { get; } = new("x86_64", ArchitectureSource.Option);
}
