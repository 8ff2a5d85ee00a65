using BootPrep.Cli;

namespace BootPrep.Tests.Support;

/// <summary>Runs bootprep in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => Capture(args).Run;

    /// <summary>Runs bootprep and also returns the raw bytes it wrote (inspect --section).</summary>
    public static (CliRun Run, byte[] Bytes) Capture(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        using var bytes = new MemoryStream();
        var code = BootPrepCli.Run(args, output, error, bytes);
        return (new CliRun(code, output.ToString(), error.ToString()), bytes.ToArray());
    }
}
