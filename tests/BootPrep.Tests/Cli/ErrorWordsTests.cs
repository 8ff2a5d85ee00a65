using System.Text.RegularExpressions;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Cli;

/// <summary>Errors are in words, never the runtime's resource keys (IO_FileNotFound_FileName), and name the file.</summary>
public sealed partial class ErrorWordsTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_missing_initrd_is_no_such_file_or_directory()
    {
        var run = CliRun.Of("stage", Fixtures.RootFs("vmlinuz"), "--dry-run", "--initrd", "/nonexistent");

        Assert.Equal((1, $"bootprep: {Fixtures.RootFs("vmlinuz")}: /nonexistent: no such file or directory (the initrd)\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public void An_initrd_that_is_a_directory_says_so()
    {
        var run = CliRun.Of("stage", Fixtures.RootFs("vmlinuz"), "--dry-run", "--initrd", "/etc");

        Assert.Equal((1, $"bootprep: {Fixtures.RootFs("vmlinuz")}: /etc: the initrd is a directory, not a regular file\n"), (run.ExitCode, run.Error));
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("fifo")]
    public void An_initrd_that_is_a_device_or_fifo_is_refused_without_reading_it(string initrd)
    {
        var path = initrd == "fifo" ? Path.Combine(_tree.Fifo("initrd").Root, "initrd") : initrd;

        var run = CliRun.Within(TimeSpan.FromSeconds(30), "stage", Fixtures.RootFs("vmlinuz"), "--dry-run", "--initrd", path);

        Assert.Equal((1, $"bootprep: {Fixtures.RootFs("vmlinuz")}: {path}: the initrd is a device, FIFO or socket, not a regular file\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public void An_initrd_that_fails_to_read_names_the_file()
    {
        var run = CliRun.Of("stage", Fixtures.RootFs("vmlinuz"), "--dry-run", "--initrd", "/proc/self/mem");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"bootprep: {Fixtures.RootFs("vmlinuz")}: /proc/self/mem: cannot read the initrd: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_initramfs_that_is_a_fifo_is_refused_by_stage_and_an_error_for_inspect()
    {
        _tree.File("usr/lib/modules/6.1/vmlinuz", "kernel").Fifo("usr/lib/modules/6.1/initramfs.img");

        var stage = CliRun.Within(TimeSpan.FromSeconds(30), "stage", _tree.Root, "--dry-run", "--cmdline", "quiet");
        var inspect = CliRun.Within(TimeSpan.FromSeconds(30), "inspect", _tree.Root, "--json");

        Assert.Equal((1, $"bootprep: {_tree.Root}: usr/lib/modules/6.1/initramfs.img: the initramfs is not a regular file (a directory, device, FIFO or socket); give one with --initrd\n"), (stage.ExitCode, stage.Error));
        Assert.Contains("usr/lib/modules/6.1/initramfs.img: not a regular file", inspect.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expectation_that_is_a_device_cannot_be_compared()
    {
        var run = CliRun.Within(TimeSpan.FromSeconds(30), "inspect", Fixtures.RootFs("vmlinuz"), "--expect", "/dev/zero");

        Assert.Equal((8, "bootprep: /dev/zero: the expectation file is a device, FIFO or socket, not a regular file\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public void Invalid_json_names_the_file_line_and_column()
    {
        var layout = new OciImageBuilder().Layer(l => l.File("a")).WriteLayout(Path.Combine(_tree.Root, "layout"));
        File.WriteAllText(Path.Combine(layout, "index.json"), "{\"schemaVersion\": 2,\n\"manifests\": [");

        var run = CliRun.Of("inspect", $"oci:{layout}");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"bootprep: {layout}: index.json: invalid JSON at line 2, column 15", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_json_that_is_a_fifo_is_refused_instead_of_waiting()
    {
        var layout = new OciImageBuilder().Layer(l => l.File("a")).WriteLayout(Path.Combine(_tree.Root, "layout"));
        File.Delete(Path.Combine(layout, "index.json"));
        _tree.Fifo("layout/index.json");

        var run = CliRun.Within(TimeSpan.FromSeconds(30), "inspect", $"oci:{layout}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("index.json: a file of the image layout is a device, FIFO or socket, not a regular file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_error_the_commands_print_is_a_resource_key()
    {
        var layout = new OciImageBuilder().Layer(l => l.File("a")).WriteLayout(Path.Combine(_tree.Root, "bad"));
        File.WriteAllText(Path.Combine(layout, "index.json"), "{\"manifests\": [}");
        _tree.File("expect.json", "{ not json");
        string[][] runs =
        [
            ["stage", Fixtures.RootFs("vmlinuz"), "--dry-run", "--initrd", "/nonexistent"],
            ["stage", Fixtures.RootFs("vmlinuz"), "--dry-run", "--initrd", "/etc"],
            ["inspect", $"oci:{layout}"],
            ["inspect", "/nonexistent"],
            ["inspect", Fixtures.RootFs("vmlinuz"), "--expect", Path.Combine(_tree.Root, "expect.json")],
            ["inspect", Fixtures.RootFs("vmlinuz"), "--expect", Path.Combine(_tree.Root, "none", "x.json"), "--update"],
            ["unpack", $"oci:{layout}", Path.Combine(_tree.Root, "out")],
            ["inspect", "oci-archive:/etc/hostname"],
        ];

        foreach (var args in runs)
        {
            var run = CliRun.Of(args);
            Assert.NotEqual(0, run.ExitCode);
            Assert.DoesNotMatch(ResourceKey(), run.Error);
            Assert.Equal(1, run.Error.Count(c => c == '\n'));
        }
    }

    // The shape of .NET's resource keys: IO_FileNotFound_FileName, UnauthorizedAccess_IODenied_Path, Arg_ParamName_Name.
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+_[A-Z][A-Za-z]+(_[A-Za-z]+)*\b")]
    private static partial Regex ResourceKey();
}
