using System.CommandLine;
using BootPrep.Cli.Commands;
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
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"bootprep: {parseError.Message}");
            }

            error.WriteLine("Try 'bootprep --help' for more information.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (BootPrepException ex)
        {
            error.WriteLine($"bootprep: {ex.OneLine}");
            return ExitCodes.For(ex.Kind);
        }
        catch (IOException ex)
        {
            error.WriteLine($"bootprep: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The whole command tree; also the source for help and completions.</summary>
    public static RootCommand BuildRoot(Stream binaryOutput, HostEnvironment host) =>
    [
        InspectCommand.Create(binaryOutput, host),
        UnpackCommand.Create(host),
        StageCommand.Create(host),
        UnloadCommand.Create(host),
        StatusCommand.Create(host),
        CompletionCommand.Create(),
    ];
}
