using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>The same image read by BootPrep in every format skopeo writes, and against the root umoci unpacks.</summary>
public sealed class ReferenceToolTests : IDisposable
{
    private readonly TestTree _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Docker_and_oci_archives_from_skopeo_inspect_the_same_as_the_layout()
    {
        var layout = BootcLikeImage().WriteLayout(Path.Combine(_work.Root, "layout"), "latest");
        var docker = Path.Combine(_work.Root, "docker.tar");
        var ociArchive = Path.Combine(_work.Root, "oci.tar");
        ExternalTool.Run("skopeo", "copy", "--quiet", $"oci:{layout}:latest", $"docker-archive:{docker}:example.com/os:42");
        ExternalTool.Run("skopeo", "copy", "--quiet", $"oci:{layout}:latest", $"oci-archive:{ociArchive}:latest");

        var expected = Reports.Of($"oci:{layout}:latest");

        Assert.Equal(expected, Reports.Of($"docker-archive:{docker}"));
        Assert.Equal(expected, Reports.Of($"docker-archive:{docker}:example.com/os:42"));
        Assert.Equal(expected, Reports.Of(docker));
        Assert.Equal(expected, Reports.Of($"oci-archive:{ociArchive}:latest"));
        Assert.Equal(expected, Reports.Of(ociArchive));
    }

    [Fact]
    public void Streaming_inspect_equals_inspect_of_the_root_umoci_unpacks()
    {
        var layout = BootcLikeImage().WriteLayout(Path.Combine(_work.Root, "layout"), "latest");
        var bundle = Path.Combine(_work.Root, "bundle");
        ExternalTool.Run("umoci", "unpack", "--rootless", "--image", $"{layout}:latest", bundle);

        Assert.Equal(Reports.Of(Path.Combine(bundle, "rootfs")), Reports.Of($"oci:{layout}:latest"));
    }

    [Fact]
    public void A_layout_umoci_builds_reads_as_its_root()
    {
        var layout = Path.Combine(_work.Root, "umoci-layout");
        ExternalTool.Run("umoci", "init", "--layout", layout);
        ExternalTool.Run("umoci", "new", "--image", $"{layout}:latest");
        ExternalTool.Run("umoci", "insert", "--rootless", "--image", $"{layout}:latest", Fixtures.RootFs("vmlinuz"), "/");

        Assert.Equal(Reports.Of(Fixtures.RootFs("vmlinuz")), Reports.Of($"oci:{layout}:latest"));
    }

    [Fact]
    public void Skopeo_reads_the_layouts_the_tests_write()
    {
        var layout = BootcLikeImage().WriteLayout(Path.Combine(_work.Root, "layout"), "latest");

        ExternalTool.Run("skopeo", "inspect", "--raw", $"oci:{layout}:latest");
    }

    /// <summary>
    /// Three layers as a bootc build leaves them: a base, a kernel stored once and hard-linked, then an update that
    /// replaces it. gzip and plain only: Debian's umoci and skopeo (for docker archives) refuse zstd layers.
    /// </summary>
    private static OciImageBuilder BootcLikeImage() => new OciImageBuilder()
        .Layer(l => l.Dir("usr").Dir("usr/lib").Dir("etc").File("etc/os-release", "ID=test\n")
            .File("usr/lib/bootc/kargs.d/00-console.toml", "kargs = [\"console=ttyS0\"]\n")
            .Symlink("lib", "usr/lib"), LayerCompression.Gzip)
        .Layer(l => l.Dir("usr/lib/modules").Dir("usr/lib/modules/6.1.0").File("sysroot/objects/k1", "kernel 6.1")
            .HardLink("usr/lib/modules/6.1.0/vmlinuz", "sysroot/objects/k1")
            .File("usr/lib/modules/6.1.0/initramfs.img", "initrd 6.1"), LayerCompression.Gzip)
        .Layer(l => l.Whiteout("usr/lib/modules/6.1.0").Dir("usr/lib/modules/6.9.0")
            .File("usr/lib/modules/6.9.0/vmlinuz", "kernel 6.9")
            .File("usr/lib/modules/6.9.0/initramfs.img", "initrd 6.9")
            .File("usr/lib/bootc/kargs.d/10-quiet.toml", "kargs = [\"quiet\"]\nmatch-architectures = [\"x86_64\"]\n"), LayerCompression.None);
}
