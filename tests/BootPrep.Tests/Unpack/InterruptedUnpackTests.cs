using System.Diagnostics;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Unpack;

/// <summary>An unpack that is interrupted removes its private sibling; a later one removes what a killed one left.</summary>
public sealed class InterruptedUnpackTests : IDisposable
{
    private readonly TestTree _work = new();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData("INT", 2)]
    [InlineData("TERM", 15)]
    [InlineData("HUP", 1)]
    public void A_signal_stops_the_unpack_and_removes_its_work(string signal, int number)
    {
        var layout = ManyFiles();
        var target = Path.Combine(_work.Root, "out");
        using var unpack = Start("unpack", "--quiet", $"oci:{layout}", target);

        Assert.True(SpinWait.SpinUntil(() => Leftovers().Length > 0 || unpack.HasExited, TimeSpan.FromSeconds(60)), "the unpack never started");
        Assert.False(unpack.HasExited, "the unpack ended before it could be interrupted");
        Process.Start("kill", $"-{signal} {unpack.Id}").WaitForExit();
        Assert.True(unpack.WaitForExit(TimeSpan.FromSeconds(60)), "the unpack did not stop");

        Assert.Equal(128 + number, unpack.ExitCode);
        Assert.Contains($"interrupted by SIG{signal}", unpack.StandardError.ReadToEnd(), StringComparison.Ordinal);
        Assert.Empty(Leftovers());
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void A_later_unpack_removes_the_leftovers_of_a_process_that_is_gone_and_keeps_a_running_ones()
    {
        var layout = new OciImageBuilder().Layer(l => l.File("etc/os-release", "ID=test\n")).WriteLayout(Path.Combine(_work.Root, "small"));
        var gone = Enumerable.Range(4_000_000, 1000).First(pid => !Directory.Exists($"/proc/{pid}"));
        _work.File($".out.bootprep-{gone}-0123456789ab/usr/bin/half-written", "x");
        _work.File($".out.bootprep-1-0123456789ab/usr/bin/in-progress", "x");

        var run = CliRun.Of("unpack", "--quiet", $"oci:{layout}", Path.Combine(_work.Root, "out"));

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal([".out.bootprep-1-0123456789ab"], Leftovers().Select(Path.GetFileName));
    }

    private string[] Leftovers() => Directory.GetDirectories(_work.Root, ".out.bootprep-*");

    /// <summary>An image whose unpack takes several seconds: three layers of the same many small files, each replacing the last.</summary>
    private string ManyFiles()
    {
        var image = new OciImageBuilder();
        for (var layer = 0; layer < 3; layer++)
        {
            image.Layer(l =>
            {
                for (var i = 0; i < 40_000; i++)
                {
                    l.File($"usr/share/many/{i / 1000}/{i}", "x");
                }
            });
        }

        return image.WriteLayout(Path.Combine(_work.Root, "many"));
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bootprep.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
