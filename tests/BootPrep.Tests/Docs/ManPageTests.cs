using BootPrep.Cli;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Docs;

/// <summary>docs/bootprep.1 is pandoc's rendering of docs/bootprep.1.md, renders with man, and names every command and option.</summary>
public sealed class ManPageTests
{
    private static readonly string s_docs = Path.Combine(Fixtures.RepositoryRoot, "docs");

    [Fact]
    public void The_roff_is_generated_from_the_markdown()
    {
        using var tree = new TestTree();
        var generated = Path.Combine(tree.Root, "bootprep.1");

        ExternalTool.Run("pandoc", "-s", "-f", "markdown-smart", "-t", "man", Path.Combine(s_docs, "bootprep.1.md"), "-o", generated);

        Assert.True(
            File.ReadAllText(generated) == File.ReadAllText(Path.Combine(s_docs, "bootprep.1")),
            "docs/bootprep.1 is out of date: run 'pandoc -s -f markdown-smart -t man docs/bootprep.1.md -o docs/bootprep.1'");
    }

    [Fact]
    public void It_renders_with_man()
    {
        var text = ExternalTool.Run(new Dictionary<string, string> { ["MANWIDTH"] = "100" }, "man", "-l", Path.Combine(s_docs, "bootprep.1"));

        Assert.Contains("BOOTPREP(1)", text, StringComparison.Ordinal);
        Assert.Contains("EXIT STATUS", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_and_option_is_documented()
    {
        var page = File.ReadAllText(Path.Combine(s_docs, "bootprep.1.md"));
        var root = BootPrepCli.BuildRoot(Stream.Null, TestHosts.X86_64);

        foreach (var command in root.Subcommands)
        {
            Assert.Contains($"**bootprep {command.Name}**", page, StringComparison.Ordinal);
            foreach (var option in command.Options)
            {
                Assert.Contains($"**{option.Name}**", page, StringComparison.Ordinal);
            }
        }
    }
}
