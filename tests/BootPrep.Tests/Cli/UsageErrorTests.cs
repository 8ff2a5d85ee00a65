using BootPrep.Tests.Support;

namespace BootPrep.Tests.Cli;

/// <summary>A wrong command line gets exit 2 and one line that names what is wrong and the nearest spelling that exists.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "inspect", "x", "--jsn" }, "unknown option '--jsn' for inspect; did you mean '--json'?")]
    [InlineData(new[] { "inspect", "--foo" }, "unknown option '--foo' for inspect.")]
    [InlineData(new[] { "stage", "--dryrun", "x" }, "unknown option '--dryrun' for stage; did you mean '--dry-run'?")]
    [InlineData(new[] { "inspcet", "x" }, "unknown command 'inspcet'; did you mean 'inspect'?")]
    [InlineData(new[] { "unpakc", "x", "y" }, "unknown command 'unpakc'; did you mean 'unpack'?")]
    [InlineData(new[] { "inspect", "x", "y" }, "unexpected argument 'y' for inspect.")]
    [InlineData(new[] { "unpack", "oci:x:y", "" }, "<dir> is an empty path.")]
    [InlineData(new[] { "stage", "x", "--initrd", "" }, "--initrd is an empty path.")]
    [InlineData(new[] { "inspect", "x", "--expect", "" }, "--expect is an empty path.")]
    [InlineData(new[] { "inspect", "" }, "<source> is an empty path.")]
    [InlineData(new[] { "inspect", "x", "--arch", "" }, "--arch needs an architecture name, such as x86_64 or aarch64.")]
    [InlineData(new[] { "stage", "x", "--cmdline", "a", "--cmdline", "b" }, "Option '--cmdline' expects a single argument but 2 were provided.")]
    public void A_usage_error_is_one_line_and_exit_2(string[] args, string message)
    {
        var run = CliRun.Of(args);

        Assert.Equal((2, $"bootprep: {message}\nTry 'bootprep --help' for more information.\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public void Bootprep_alone_prints_help()
    {
        var run = CliRun.Of();

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Contains("inspect", run.Output, StringComparison.Ordinal);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker-daemon:bootc:latest", "docker-daemon")]
    public void An_unsupported_transport_is_named_with_what_to_do_instead(string source, string transport)
    {
        var run = CliRun.Of("inspect", source);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"bootprep: {source}: the {transport} transport is not supported; copy the image into an OCI layout first (skopeo copy {source} oci:DIR:latest) and give oci:DIR:latest\n", run.Error);
    }
}
