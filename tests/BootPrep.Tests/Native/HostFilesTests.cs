using BootPrep.Native;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Native;

public sealed class HostFilesTests
{
    [Fact]
    public void Two_paths_to_one_directory_have_one_identity()
    {
        using var tree = new TestTree();
        tree.File("a/file").Symlink("b", "a");

        Assert.Equal(HostFiles.IdentityOf(Path.Combine(tree.Root, "a")), HostFiles.IdentityOf(Path.Combine(tree.Root, "b")));
        Assert.NotEqual(HostFiles.IdentityOf(Path.Combine(tree.Root, "a")), HostFiles.IdentityOf(Path.Combine(tree.Root, "a", "file")));
        Assert.Null(HostFiles.IdentityOf(Path.Combine(tree.Root, "missing")));
    }
}
