using System.CommandLine;
using BootPrep.Cli.Commands;
using BootPrep.Cli.Output;
using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Cli;

/// <summary>Builds the command tree, runs it, and turns every failure into one line on stderr and a documented exit code.</summary>
internal static class BootPrepCli
{
    /// <summary>
    /// Runs bootprep with <paramref name="args"/> on <paramref name="host"/>, writing text to <paramref name="output"/>
    /// and <paramref name="error"/> and raw bytes (<c>inspect --section</c>) to <paramref name="binaryOutput"/>; returns the exit code.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, Stream binaryOutput, HostEnvironment host)
    {
        var root = BuildRoot(binaryOutput, host);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            return root.Parse(["--help"]).Invoke(configuration);
        }

        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        catch (InvalidOperationException ex)
        {
            // A validator asked for the value of an option given twice ("expects a single argument").
            error.WriteLine($"bootprep: {ex.Message}");
            error.WriteLine("Try 'bootprep --help' for more information.");
            return ExitCodes.Usage;
        }

        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"bootprep: {UsageError(parsed)}");
            error.WriteLine("Try 'bootprep --help' for more information.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(configuration);
        }
        catch (BootPrepException ex)
        {
            error.WriteLine(Printable.Escape($"bootprep: {ex.OneLine}"));
            return ExitCodes.For(ex.Kind);
        }
        catch (IOException ex)
        {
            error.WriteLine($"bootprep: {SystemErrors.Describe(ex, "")}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The one line that says what is wrong with the command line: a mistyped option or command with the nearest
    /// spelling that exists, else the first error the parser or a validator found.
    /// </summary>
    private static string UsageError(ParseResult parsed)
    {
        if (parsed.Errors.FirstOrDefault(parseError => parseError.Message.StartsWith("unknown option", StringComparison.Ordinal)) is { } mistyped)
        {
            return mistyped.Message;
        }

        var command = parsed.CommandResult.Command;
        return parsed.UnmatchedTokens switch
        {
            [var option, ..] when option.StartsWith('-') => Suggestions.UnknownOption(option, command),
            [var name, ..] when command.Subcommands.Count > 0 => Suggestions.UnknownCommand(name, command),
            [var extra, ..] => Suggestions.UnexpectedArgument(extra, command),
            _ => parsed.Errors[0].Message,
        };
    }

    /// <summary>The whole command tree; also the source for help and completions.</summary>
    public static RootCommand BuildRoot(Stream binaryOutput, HostEnvironment host) =>
        new("Read container images that boot, detect their kernel as bootc does, and stage it for a soft reboot with kexec_file_load(2).")
    {
        InspectCommand.Create(binaryOutput, host),
        UnpackCommand.Create(host),
        StageCommand.Create(host),
        UnloadCommand.Create(host),
        StatusCommand.Create(host),
        CompletionCommand.Create(),
    };
}
