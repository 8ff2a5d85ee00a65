using BootPrep.Hosts;
using BootPrep.Cli;

namespace BootPrep.Tests.Support;

/// <summary>Runs bootprep in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => Capture(args).Run;

    /// <summary>Runs bootprep, failing the test instead of hanging when it has not ended within <paramref name="limit"/>.</summary>
    public static CliRun Within(TimeSpan limit, params string[] args)
    {
        var run = Task.Run(() => Of(args));
        Assert.True(run.Wait(limit), $"bootprep {string.Join(' ', args)} did not end within {limit}: it blocked or ran away");
        return run.Result;
    }

    /// <summary>Runs bootprep on <paramref name="host"/> instead of <see cref="TestHosts.X86_64"/>.</summary>
    public static CliRun On(HostEnvironment host, params string[] args) => Capture(host, args).Run;

    /// <summary>Runs bootprep and also returns the raw bytes it wrote (inspect --section).</summary>
    public static (CliRun Run, byte[] Bytes) Capture(params string[] args) => Capture(TestHosts.X86_64, args);

    private static (CliRun Run, byte[] Bytes) Capture(HostEnvironment host, string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        using var bytes = new MemoryStream();
        var code = BootPrepCli.Run(args, output, error, bytes, host);
        return (new CliRun(code, output.ToString(), error.ToString()), bytes.ToArray());
    }
}
