using BootPrep.Kexec;

namespace BootPrep.Tests.Kexec;

public sealed class CommandLinesTests
{
    private const string Running = "BOOT_IMAGE=/vmlinuz-6.1 root=UUID=1 ro initrd=\\initrd.img quiet";

    [Fact]
    public void The_option_wins()
    {
        Assert.Equal(("console=ttyS0", CmdlineSource.Option), Resolve(new StageOptions("console=ttyS0", false, null, null, true), "uki line", unified: true));
    }

    [Fact]
    public void A_uki_brings_its_own()
    {
        Assert.Equal(("uki line", CmdlineSource.Uki), Resolve(Options(), "uki line", unified: true));
    }

    [Fact]
    public void A_vmlinuz_reuses_the_running_line_without_the_loader_arguments()
    {
        Assert.Equal(("root=UUID=1 ro quiet", CmdlineSource.ProcCmdline), Resolve(Options(), null, unified: false));
    }

    [Fact]
    public void Reuse_applies_to_a_uki_too_and_append_comes_last()
    {
        Assert.Equal(("root=UUID=1 ro quiet debug", CmdlineSource.ProcCmdline), Resolve(Options() with { ReuseCmdline = true, Append = " debug " }, "uki line", unified: true));
    }

    private static StageOptions Options() => new(null, false, null, null, true);

    private static (string, CmdlineSource) Resolve(StageOptions options, string? uki, bool unified) =>
        CommandLines.Resolve(options, uki, unified, () => Running + "\n");
}
