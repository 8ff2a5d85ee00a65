using BootPrep.Cli;

namespace BootPrep.Tests.Support;

/// <summary>Runs bootprep in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = BootPrepCli.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
