using BootPrep.Cli.Output;

namespace BootPrep.Tests.Cli;

public sealed class FetchProgressTests
{
    [Fact]
    public void The_line_names_the_source_and_the_bytes_and_is_cleared_at_the_end()
    {
        var terminal = new StringWriter();

        using (var progress = new FetchProgress(terminal, "docker://quay.io/os:42"))
        {
            progress.Report(5 * 1048576);
            progress.Report(6 * 1048576);
        }

        Assert.StartsWith("\rfetching docker://quay.io/os:42  5.0 MiB  ", terminal.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("6.0 MiB", terminal.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\r\x1b[K", terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_drawn_after_the_end()
    {
        var terminal = new StringWriter();
        var progress = new FetchProgress(terminal, "docker://quay.io/os:42");
        progress.Dispose();

        progress.Report(1048576);

        Assert.Empty(terminal.ToString());
    }

    [Fact]
    public void Nothing_fetched_writes_nothing()
    {
        var terminal = new StringWriter();

        new FetchProgress(terminal, "docker://quay.io/os:42").Dispose();

        Assert.Empty(terminal.ToString());
    }
}
