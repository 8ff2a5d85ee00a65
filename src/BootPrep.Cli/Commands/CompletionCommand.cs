using System.CommandLine;
using BootPrep.Cli.Completions;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep completion &lt;shell&gt;</c>: print a completion script made from the command tree.</summary>
internal static class CompletionCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish." };
        shell.AcceptOnlyFromAmong(CompletionScripts.Shells);
        var command = new Command("completion", $"Print the completion script for a shell (bash, zsh, fish), e.g. 'bootprep completion bash > /etc/bash_completion.d/bootprep'. {ExitCodes.HelpText}")
        {
            shell,
        };
        command.SetAction(result =>
        {
            var root = (RootCommand)result.RootCommandResult.Command;
            result.InvocationConfiguration.Output.Write(CompletionScripts.For(result.GetValue(shell)!, CompletionModel.Of(root)));
            return ExitCodes.Success;
        });
        return command;
    }
}
