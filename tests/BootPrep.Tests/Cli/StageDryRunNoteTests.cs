using System.Text.Json;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Cli;

/// <summary>stage --dry-run says what the kernel will refuse, as far as the image's headers tell.</summary>
public sealed class StageDryRunNoteTests : IDisposable
{
    private const string Kernel = "usr/lib/modules/6.12.0/vmlinuz";

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_kernel_of_unknown_format_is_noted()
    {
        _tree.File(Kernel, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray());

        Assert.Contains(Notes(), note => note.StartsWith("the kernel image's format is unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void A_command_line_longer_than_the_boot_header_allows_is_noted()
    {
        _tree.File(Kernel, KernelBytes.BzImage("6.12.0 (x) #1", cmdlineSize: 255));

        Assert.Contains("the command line has 300 bytes, but this kernel takes at most 255 (cmdline_size in its boot header); kexec_file_load will refuse it (EINVAL)", Notes(new string('a', 300)));
    }

    [Fact]
    public void A_command_line_the_boot_header_allows_is_not_noted()
    {
        _tree.File(Kernel, KernelBytes.BzImage("6.12.0 (x) #1"));

        Assert.Empty(Notes(new string('a', 2047)));
    }

    [Fact]
    public void A_command_line_longer_than_linux_takes_is_noted_for_any_kernel()
    {
        _tree.File(Kernel, KernelBytes.Arm64Image());

        var notes = CliRun.On(TestHosts.Tree("/", "arm64"), "stage", _tree.Root, "--dry-run", "--json", "--cmdline", new string('a', 5000));

        Assert.Contains("the command line has 5000 bytes, more than the 2047 bytes Linux takes (COMMAND_LINE_SIZE); kexec_file_load will refuse it", NotesOf(notes));
    }

    [Fact]
    public void An_arm64_kernel_on_an_x86_64_host_is_noted()
    {
        _tree.File(Kernel, KernelBytes.Arm64Image());

        Assert.Contains("the kernel is arm64-image, which this x86_64 host does not load; kexec_file_load will refuse it", Notes());
    }

    [Fact]
    public void A_bzimage_on_an_x86_64_host_has_no_note()
    {
        _tree.File(Kernel, KernelBytes.BzImage("6.12.0 (x) #1"));

        Assert.Empty(Notes());
    }

    private List<string> Notes(string cmdline = "root=/dev/vda2") =>
        NotesOf(CliRun.Of("stage", _tree.Root, "--dry-run", "--json", "--cmdline", cmdline));

    private static List<string> NotesOf(CliRun run)
    {
        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        return [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("notes").EnumerateArray().Select(note => note.GetString()!).Where(note => !note.Contains("no-initramfs", StringComparison.Ordinal))];
    }
}
