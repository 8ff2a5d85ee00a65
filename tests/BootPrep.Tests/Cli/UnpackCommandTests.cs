using BootPrep.Tests.Support;

namespace BootPrep.Tests.Cli;

public sealed class UnpackCommandTests : IDisposable
{
    private readonly TestTree _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Unpack_writes_the_root_quietly_when_not_on_a_terminal()
    {
        var layout = new OciImageBuilder().Layer(l => l.File("usr/lib/modules/6.1/vmlinuz", "k")).WriteLayout(Path.Combine(_work.Root, "layout"));
        var target = Path.Combine(_work.Root, "root");

        var run = CliRun.Of("unpack", $"oci:{layout}", target);

        Assert.Equal(new CliRun(0, "", ""), run);
        Assert.Equal("k", File.ReadAllText(Path.Combine(target, "usr/lib/modules/6.1/vmlinuz")));
    }

    [Fact]
    public void Unpack_of_a_directory_root_fails_with_one_line()
    {
        var run = CliRun.Of("unpack", Fixtures.RootFs("vmlinuz"), Path.Combine(_work.Root, "out"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"bootprep: {Fixtures.RootFs("vmlinuz")}: a directory holding a root, not an image; there is nothing to unpack\n", run.Error);
    }

    [Fact]
    public void Unpack_into_a_non_empty_directory_fails_naming_it()
    {
        var layout = new OciImageBuilder().Layer(l => l.File("a")).WriteLayout(Path.Combine(_work.Root, "layout"));

        var run = CliRun.Of("unpack", $"oci:{layout}", layout);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"bootprep: {layout}: the target directory is not empty", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpack_needs_an_image_and_a_directory()
    {
        Assert.Equal(2, CliRun.Of("unpack", "oci:x").ExitCode);
    }
}
