using BootPrep.Tests.Support;

namespace BootPrep.Tests.Cli;

/// <summary><c>inspect --expect</c> on a real image: Debian's kernel in an OCI layout, rebuilt and changed.</summary>
public sealed class ExpectTests
{
    [Fact]
    public void A_rebuild_of_the_same_content_compares_equal_and_a_change_prints_a_diff()
    {
        using var tree = new TestTree();
        var expected = Path.Combine(tree.Root, "expected.json");
        var first = Image(tree, "first", initramfs: "built at 10:00", karg: "quiet");
        var rebuilt = Image(tree, "rebuilt", initramfs: "built at 11:00", karg: "quiet");
        var changed = Image(tree, "changed", initramfs: "built at 12:00", karg: "debug");

        var update = CliRun.Of("inspect", first, "--json", "--expect", expected, "--update");
        var same = CliRun.Of("inspect", rebuilt, "--json", "--expect", expected);
        var different = CliRun.Of("inspect", changed, "--json", "--expect", expected);

        Assert.Equal((0, "", ""), (update.ExitCode, update.Output, update.Error));
        Assert.Equal(CliRun.Of("inspect", first, "--json").Output, File.ReadAllText(expected));
        Assert.Equal((0, "", ""), (same.ExitCode, same.Output, same.Error));
        Assert.Equal((1, ""), (different.ExitCode, different.Error));
        Assert.Equal($"--- {expected}\n+++ bootprep inspect {changed}\n@@ kargs[0] @@\n-\"quiet\"\n+\"debug\"\n", different.Output);
    }

    [Fact]
    public void No_default_ignore_compares_the_digests_too()
    {
        using var tree = new TestTree();
        var expected = Path.Combine(tree.Root, "expected.json");
        CliRun.Of("inspect", Image(tree, "first", "built at 10:00", "quiet"), "--json", "--expect", expected, "--update");

        var run = CliRun.Of("inspect", Image(tree, "rebuilt", "built at 11:00", "quiet"), "--json", "--expect", expected, "--no-default-ignore");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("@@ kernel.initramfs.sha256 @@", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignore_leaves_out_a_path()
    {
        using var tree = new TestTree();
        var expected = Path.Combine(tree.Root, "expected.json");
        CliRun.Of("inspect", Image(tree, "first", "built at 10:00", "quiet"), "--json", "--expect", expected, "--update");

        var run = CliRun.Of("inspect", Image(tree, "changed", "built at 10:00", "debug"), "--json", "--expect", expected, "--ignore", "kargs");

        Assert.Equal((0, ""), (run.ExitCode, run.Output));
    }

    [Fact]
    public void A_missing_expectation_says_how_to_write_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "bootprep-no-such-expectation.json");

        var run = CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), "--json", "--expect", missing);

        Assert.Equal((8, $"bootprep: {missing}: no such file; run with --update to write it\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public void Update_into_a_missing_directory_fails_naming_the_file_and_leaves_nothing()
    {
        using var tree = new TestTree();
        var expected = Path.Combine(tree.Root, "no-such-dir", "kernel.json");

        var run = CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), "--json", "--expect", expected, "--update");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"bootprep: {expected}: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.GetFileSystemEntries(tree.Root));
    }

    [Theory]
    [InlineData("--update")]
    [InlineData("--no-default-ignore")]
    public void Its_companions_need_expect(string option)
    {
        var run = CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), option);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("bootprep: --update, --ignore and --no-default-ignore go with --expect FILE.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_ignore_path_is_a_usage_error()
    {
        var run = CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), "--expect", "x.json", "--ignore", "kernel..size");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("bootprep: --ignore 'kernel..size' is not a JSON path", run.Error, StringComparison.Ordinal);
    }

    /// <summary>An OCI layout holding Debian's kernel, an initramfs with the given text and one kargs.d argument.</summary>
    private static string Image(TestTree tree, string name, string initramfs, string karg)
    {
        var modules = $"usr/lib/modules/{DebianKernel.Release}";
        var layout = new OciImageBuilder()
            .Layer(layer => layer.File($"{modules}/vmlinuz", File.ReadAllBytes(DebianKernel.Vmlinuz)))
            .Layer(layer => layer.File($"{modules}/initramfs.img", initramfs).File("usr/lib/bootc/kargs.d/10-test.toml", $"kargs = [\"{karg}\"]\n"))
            .WriteLayout(Path.Combine(tree.Root, name));
        return $"oci:{layout}";
    }

    [Fact]
    public void Update_refuses_to_replace_a_fifo_and_leaves_it()
    {
        using var tree = new TestTree();
        var fifo = Path.Combine(tree.Fifo("expect.json").Root, "expect.json");

        var run = CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), "--expect", fifo, "--update");

        Assert.Equal((1, $"bootprep: {fifo}: cannot write the expectation: it is a device, FIFO or socket, not a regular file\n"), (run.ExitCode, run.Error));
        Assert.Equal(FileAttributes.Normal, File.GetAttributes(fifo) & FileAttributes.Normal);
    }

    [Fact]
    public void Update_writes_through_a_link_and_keeps_the_link()
    {
        using var tree = new TestTree();
        tree.File("real.json", "{}").Symlink("link.json", "real.json");
        var link = Path.Combine(tree.Root, "link.json");

        var run = CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), "--expect", link, "--update");

        Assert.Equal(0, run.ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Contains("\"kargs\"", File.ReadAllText(Path.Combine(tree.Root, "real.json")), StringComparison.Ordinal);
    }
}
