using BootPrep.Tests.Support;

namespace BootPrep.Tests.Hosts;

/// <summary>The host seam: every path is read under the host's root, and what cannot be read is null, not an exception.</summary>
public sealed class HostEnvironmentTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Files_are_read_under_the_root()
    {
        _tree.File("proc/cmdline", " root=/dev/vda \n").Symlink("boot/loader", "loader.1").Symlink("run/dangling", "nowhere");
        var host = TestHosts.Tree(_tree.Root);

        Assert.Equal("root=/dev/vda", host.ReadText("proc/cmdline"));
        Assert.Equal("loader.1", host.ReadLink("boot/loader"));
        Assert.Null(host.ReadLink("proc/cmdline"));
        Assert.True(host.Exists("run/dangling"));
        Assert.False(host.Exists("run/missing"));
        Assert.Null(host.ReadText("proc/missing"));
        Assert.Null(host.ReadBytes("proc"));
        Assert.Equal(["cmdline"], host.List("proc"));
        Assert.Empty(host.List("missing"));
    }

    [Fact]
    public void Written_files_replace_the_old_whole_and_leave_nothing_beside_them()
    {
        var host = TestHosts.Tree(_tree.Root);

        host.WriteText("run/bootprep/staged", "A=1\n");
        host.WriteText("run/bootprep/staged", "A=2\n");
        host.Delete("run/bootprep/staged");
        host.Delete("run/bootprep/staged");
        host.Delete("run/other/missing");

        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_tree.Root, "run", "bootprep")));
    }
}
