using BootPrep.Architectures;
using BootPrep.Hosts;

namespace BootPrep.Tests.Support;

/// <summary>Hosts the tests run bootprep on, so that no result depends on the machine the tests run on.</summary>
internal static class TestHosts
{
    /// <summary>This machine's files, as an x86_64 host.</summary>
    public static HostEnvironment X86_64 { get; } = new("/", CpuArchitecture.FromGo("amd64"));

    /// <summary>A host whose /proc and /sys are the tree at <paramref name="root"/>.</summary>
    public static HostEnvironment Tree(string root, string goArchitecture = "amd64") => new(root, CpuArchitecture.FromGo(goArchitecture));
}
