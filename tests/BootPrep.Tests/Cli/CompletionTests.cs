using BootPrep.Cli;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Cli;

/// <summary>contrib/completions holds what 'bootprep completion' prints, for every command and option, in scripts the shells accept.</summary>
public sealed class CompletionTests
{
    public static TheoryData<string, string> Scripts => new()
    {
        { "bash", "bootprep.bash" },
        { "zsh", "_bootprep" },
        { "fish", "bootprep.fish" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void The_checked_in_script_is_what_the_command_prints(string shell, string file)
    {
        var run = CliRun.Of("completion", shell);

        Assert.Equal(0, run.ExitCode);
        Assert.True(
            File.ReadAllText(Script(file)) == run.Output,
            $"contrib/completions/{file} is out of date: run 'dotnet run --project src/BootPrep.Cli -- completion {shell} > contrib/completions/{file}'");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_command_and_option_is_in_the_script(string shell, string file)
    {
        _ = shell;
        var script = File.ReadAllText(Script(file));
        var root = BootPrepCli.BuildRoot(Stream.Null, TestHosts.X86_64);

        foreach (var command in root.Subcommands)
        {
            Assert.Contains(command.Name, script, StringComparison.Ordinal);
            foreach (var option in command.Options)
            {
                Assert.Contains(file == "bootprep.fish" ? $"-l {option.Name[2..]}" : option.Name, script, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void The_shell_accepts_the_script(string shell, string file)
    {
        ExternalTool.Run(shell, "-n", Script(file));
    }

    [Theory]
    [InlineData("bootprep ", "inspect unpack stage unload status completion --help -h --version")]
    [InlineData("bootprep in", "inspect")]
    [InlineData("bootprep inspect --fo", "--format")]
    [InlineData("bootprep inspect --format ", "human humanreadable json yaml")]
    [InlineData("bootprep stage --dry", "--dry-run")]
    [InlineData("bootprep completion ", "bash fish zsh")]
    public void Bash_completes_commands_options_and_values(string line, string expected)
    {
        var words = line.Split(' ');
        var completion = ExternalTool.Run(
            "bash",
            "-c",
            $"source '{Script("bootprep.bash")}'; COMP_WORDS=({string.Join(' ', words.Select(word => $"'{word}'"))}); COMP_CWORD={words.Length - 1}; _bootprep; echo \"${{COMPREPLY[*]}}\"");

        Assert.Equal(expected, completion.Trim());
    }

    private static string Script(string file) => Path.Combine(Fixtures.RepositoryRoot, "contrib", "completions", file);
}
