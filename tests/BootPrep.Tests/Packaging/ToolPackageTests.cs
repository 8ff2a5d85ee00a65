using BootPrep.Tests.Support;

namespace BootPrep.Tests.Packaging;

/// <summary>The CLI packs as a .NET tool that installs from the .nupkg and runs.</summary>
[Collection(BuildCollection.Name)]
public sealed class ToolPackageTests
{
    [Fact]
    public void The_packed_tool_installs_into_a_tool_path_and_runs()
    {
        using var tree = new TestTree();
        var packages = Path.Combine(tree.Root, "packages");
        var tools = Path.Combine(tree.Root, "tools");

        ExternalTool.Run("dotnet", "pack", Path.Combine(Fixtures.RepositoryRoot, "src", "BootPrep.Cli"), "-o", packages, "--nologo");
        ExternalTool.Run("dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, "bootprep");
        var version = ExternalTool.Run(Path.Combine(tools, "bootprep"), "--version");
        var inspect = ExternalTool.Run(Path.Combine(tools, "bootprep"), "inspect", Fixtures.RootFs("vmlinuz"), "--json");

        Assert.Single(Directory.GetFiles(packages, "bootprep.*.nupkg"));
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.Equal(CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), "--json").Output, inspect);
    }
}
