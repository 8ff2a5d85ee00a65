using System.Diagnostics;

namespace BootPrep.Tests.Support;

/// <summary>Runs a reference tool from Debian (skopeo, umoci, objdump, sbverify) that .ci/run installs, failing the test with its stderr when it fails.</summary>
internal static class ExternalTool
{
    /// <summary>Runs <paramref name="tool"/> and returns what it printed on stdout.</summary>
    public static string Run(string tool, params string[] args) => Run(new Dictionary<string, string>(), tool, args);

    /// <summary>Runs <paramref name="tool"/> with <paramref name="environment"/> added to its environment; returns its stdout.</summary>
    public static string Run(IReadOnlyDictionary<string, string> environment, string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"{tool} is not installed; .ci/run installs it");
            throw;
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {stderr.Result}");
            return stdout;
        }
    }
}
