using System.Text.Json;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Cli;

/// <summary>Human output escapes control characters from image content, so an image cannot drive the terminal; JSON stays exact.</summary>
public sealed class TerminalEscapeTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_uki_name_with_escapes_and_a_newline_cannot_forge_a_line()
    {
        _tree.File("boot/EFI/Linux/x\u001b[31mRED\u001b[0m\ny.efi", new PeBuilder().Add(".cmdline", "quiet").Build());

        var run = CliRun.Of("inspect", _tree.Root);

        Assert.DoesNotContain('\u001b', run.Output);
        Assert.Contains("Kernel: x\\x1b[31mRED\\x1b[0m\\x0ay\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_karg_that_clears_the_screen_is_escaped_for_people_and_exact_in_json()
    {
        _tree.File("usr/lib/bootc/kargs.d/a.toml", "kargs = [\"a\\e[2J\"]");

        var human = CliRun.Of("inspect", _tree.Root);
        var json = CliRun.Of("inspect", _tree.Root, "--json");

        Assert.Contains("Kargs: a\\x1b[2J\n", human.Output, StringComparison.Ordinal);
        Assert.Equal("a\u001b[2J", JsonDocument.Parse(json.Output).RootElement.GetProperty("kargs")[0].GetString());
    }

    [Fact]
    public void An_error_about_a_hostile_name_is_escaped_too()
    {
        _tree.Dir("boot/EFI/Linux/\u001b[2J.efi");

        var run = CliRun.Of("inspect", _tree.Root);

        Assert.Equal(7, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.Contains("boot/EFI/Linux/\\x1b[2J.efi: a directory", run.Error, StringComparison.Ordinal);
    }
}
