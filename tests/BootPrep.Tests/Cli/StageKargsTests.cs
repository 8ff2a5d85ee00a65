using System.Text.Json;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Cli;

/// <summary>stage reusing the running command line applies the image's kargs.d as bootc does on an upgrade, and says so.</summary>
public sealed class StageKargsTests : IDisposable
{
    private const string KargsD = "usr/lib/bootc/kargs.d";

    private readonly TestTree _host = new();
    private readonly TestTree _image = new();

    public StageKargsTests()
    {
        _host.File("proc/cmdline", "BOOT_IMAGE=/vmlinuz-6.0 root=/dev/vda2 ro console=tty0 nosmt\n")
            .File($"{KargsD}/10-console.toml", "kargs = [\"console=tty0\"]");
        _image.File("usr/lib/modules/6.1/vmlinuz", KernelBytes.BzImage("6.1 (x) #1"));
    }

    public void Dispose()
    {
        _host.Dispose();
        _image.Dispose();
    }

    [Fact]
    public void The_image_kargs_replace_the_running_roots_and_the_rest_stays()
    {
        _image.File($"{KargsD}/10-console.toml", "kargs = [\"console=ttyS0,115200\"]");

        var report = Stage();

        Assert.Equal("root=/dev/vda2 ro nosmt console=ttyS0,115200", report.GetProperty("cmdline").GetString());
        Assert.Contains(Notes(report), note => note == "usr/lib/bootc/kargs.d, applied as bootc applies it on an upgrade: added [console=ttyS0,115200], removed [console=tty0]");
    }

    [Fact]
    public void On_an_ostree_host_the_note_says_the_image_boots_the_running_deployment()
    {
        _host.File("proc/cmdline", "root=/dev/vda2 ostree=/ostree/boot.1/fedora/b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c/0\n");

        var report = Stage();

        Assert.Contains(Notes(report), note => note.StartsWith("this host booted from an ostree deployment: the running command line's ostree=/ostree/boot.1/fedora/", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_kargs_d_on_either_side_the_running_line_is_reused_as_it_is()
    {
        File.Delete(Path.Combine(_host.Root, KargsD, "10-console.toml"));

        var report = Stage();

        Assert.Equal("root=/dev/vda2 ro console=tty0 nosmt", report.GetProperty("cmdline").GetString());
        Assert.DoesNotContain(Notes(report), note => note.Contains("kargs.d", StringComparison.Ordinal));
    }

    [Fact]
    public void An_image_whose_kargs_d_bootc_would_refuse_is_not_staged()
    {
        _image.File($"{KargsD}/10-console.toml", "kargs = [\"console=ttyS0\"]\nconsole = 1");

        var run = CliRun.On(TestHosts.Tree(_host.Root), "stage", _image.Root, "--dry-run", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("usr/lib/bootc/kargs.d/10-console.toml: bootc would refuse this image: unknown key console", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_line_given_with_cmdline_is_taken_as_it_is()
    {
        _image.File($"{KargsD}/10-console.toml", "kargs = [\"console=ttyS0\"]");

        var report = Stage("--cmdline", "root=/dev/sda1");

        Assert.Equal("root=/dev/sda1", report.GetProperty("cmdline").GetString());
    }

    private JsonElement Stage(params string[] options)
    {
        var run = CliRun.On(TestHosts.Tree(_host.Root), ["stage", _image.Root, "--dry-run", "--json", .. options]);
        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        return JsonDocument.Parse(run.Output).RootElement;
    }

    private static List<string> Notes(JsonElement report) => [.. report.GetProperty("notes").EnumerateArray().Select(note => note.GetString()!)];
}
