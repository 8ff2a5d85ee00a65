using BootPrep.Errors;
using BootPrep.Sources;
using BootPrep.Tests.Support;
using BootPrep.Unpack;

namespace BootPrep.Tests.Unpack;

public sealed class ImageUnpackerTests : IDisposable
{
    private readonly TestTree _work = new();
    private readonly TestTree _host = new();

    private readonly string _hostBefore;

    public ImageUnpackerTests()
    {
        _host.File("sentinel/file", "host content").File("sentinel/victim", "do not touch").Dir("sentinel/dir");
        _hostBefore = TreeSnapshot.Of(Sentinel);
    }

    private string Sentinel => Path.Combine(_host.Root, "sentinel");

    public void Dispose()
    {
        _work.Dispose();
        _host.Dispose();
    }

    [Fact]
    public void Unpacked_root_matches_umoci_file_by_file()
    {
        var layout = BootcLikeImage().WriteLayout(Path.Combine(_work.Root, "layout"));
        var bundle = Path.Combine(_work.Root, "bundle");
        ExternalTool.Run("umoci", "unpack", "--rootless", "--image", $"{layout}:latest", bundle);

        var ours = Unpack(layout);

        Assert.Equal(TreeSnapshot.Of(Path.Combine(bundle, "rootfs")), TreeSnapshot.Of(ours));
    }

    public static TheoryData<string> Images => new() { "bootc-like", "whiteouts", "hard-links", "linked-parent", "dangling-linked-parent", "moved-kernel" };

    [Theory]
    [MemberData(nameof(Images))]
    public void Inspect_of_the_unpacked_root_equals_streaming_inspect(string name)
    {
        var image = name switch
        {
            "bootc-like" => BootcLikeImage(),
            "whiteouts" => new OciImageBuilder()
                .Layer(l => l.File("boot/EFI/Linux/a.efi").File("usr/lib/modules/6.1/vmlinuz").File("usr/lib/modules/6.2/vmlinuz"))
                .Layer(l => l.Opaque("boot/EFI/Linux").Whiteout("usr/lib/modules/6.1").File("usr/lib/modules/6.2/initramfs.img")),
            "hard-links" => new OciImageBuilder()
                .Layer(l => l.File("objects/k", "kernel").HardLink("usr/lib/modules/6.1/vmlinuz", "objects/k").HardLink("usr/lib/modules/6.1/initramfs.img", "objects/k")),
            "moved-kernel" => new OciImageBuilder()
                .Layer(l => l.File("usr/lib/modules/6.1/vmlinuz").File("usr/lib/modules/6.1/initramfs.img"))
                .Layer(l => l.Whiteout("usr/lib/modules/6.1").File("usr/lib/modules/6.9/vmlinuz")),
            "linked-parent" => new OciImageBuilder()
                .Layer(l => l.Dir("sysroot/boot").Symlink("boot", "/sysroot/boot"))
                .Layer(l => l.File("boot/EFI/Linux/x.efi", "uki")),
            _ => new OciImageBuilder()
                .Layer(l => l.Symlink("boot", "../sysroot/boot"))
                .Layer(l => l.File("boot/EFI/Linux/x.efi", "uki")),
        };
        var layout = image.WriteLayout(Path.Combine(_work.Root, "layout"));

        var unpacked = Unpack(layout);

        Assert.Equal(Reports.Of($"oci:{layout}"), Reports.Of(unpacked));
    }

    [Fact]
    public void Target_may_be_an_existing_empty_directory_and_gets_the_image_root_mode()
    {
        var layout = new OciImageBuilder().Layer(l => l.Dir(".", 0x1e8).File("etc/os-release")).WriteLayout(Path.Combine(_work.Root, "layout"));
        var target = Path.Combine(_work.Root, "empty");
        Directory.CreateDirectory(target);

        Unpack(layout, target);

        Assert.True(File.Exists(Path.Combine(target, "etc/os-release")));
        Assert.Equal((UnixFileMode)0x1e8, File.GetUnixFileMode(target));
        Assert.Equal(["empty", "layout"], Directory.GetFileSystemEntries(_work.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Non_empty_target_is_refused_and_left_alone()
    {
        var layout = new OciImageBuilder().Layer(l => l.File("etc/os-release")).WriteLayout(Path.Combine(_work.Root, "layout"));
        _work.File("full/keep", "mine");

        var error = Assert.Throws<BootPrepException>(() => Unpack(layout, Path.Combine(_work.Root, "full")));

        Assert.Equal(BootPrepErrorKind.WriteFailed, error.Kind);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_work.Root, "full/keep")));
    }

    [Fact]
    public void Dot_dot_and_absolute_names_stay_inside_the_target()
    {
        var relative = Path.GetRelativePath("/", Sentinel);
        var target = Unpack(new OciImageBuilder().Layer(l => l
            .File($"../../../../../../../{relative}/file", "inside")
            .File($"/{relative}/victim", "inside too")));

        Assert.Equal("inside", File.ReadAllText(Path.Combine(target, relative, "file")));
        Assert.Equal("inside too", File.ReadAllText(Path.Combine(target, relative, "victim")));
        AssertHostUntouched();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Entries_through_a_link_out_of_the_root_stay_inside(bool absolute)
    {
        // umoci CVE-2021-29136, moby CVE-2014-6407 and CVE-2014-9356: a link, then entries written through it.
        var linkTarget = absolute ? Sentinel : "../../../../../../../.." + Sentinel;
        var target = Unpack(new OciImageBuilder()
            .Layer(l => l.Symlink("evil", linkTarget))
            .Layer(l => l.File("evil/file", "written inside").Whiteout("evil/victim").Dir("evil/dir/sub")));

        Assert.Equal("written inside", File.ReadAllText(Path.Combine(target, Path.GetRelativePath("/", Sentinel), "file")));
        AssertHostUntouched();
    }

    [Fact]
    public void Hard_link_to_a_host_file_is_refused_and_nothing_is_left()
    {
        var target = Path.Combine(_work.Root, "out");

        var error = Assert.Throws<BootPrepException>(() => Unpack(
            new OciImageBuilder().Layer(l => l.HardLink("passwd", Path.Combine(Sentinel, "file"))), target));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.False(Directory.Exists(target));
        Assert.Equal(["layout"], Directory.GetFileSystemEntries(_work.Root).Select(Path.GetFileName));
        AssertHostUntouched();
    }

    [Fact]
    public void Hard_link_to_a_link_links_the_link_and_entries_through_it_stay_inside()
    {
        var target = Unpack(new OciImageBuilder()
            .Layer(l => l.Symlink("out", Sentinel).HardLink("again", "out"))
            .Layer(l => l.File("again/file", "inside")));

        Assert.Equal(Sentinel, new FileInfo(Path.Combine(target, "again")).LinkTarget);
        AssertHostUntouched();
    }

    [Fact]
    public void Replacing_a_link_never_changes_what_it_pointed_to()
    {
        // containerd CVE-2021-32760: a mode change that followed a link out of the root.
        var target = Unpack(new OciImageBuilder()
            .Layer(l => l.Symlink("victim", Path.Combine(Sentinel, "victim")))
            .Layer(l => l.Dir("victim", 0x1ff).File("x", "", 0x1ff)));

        Assert.True(Directory.Exists(Path.Combine(target, "victim")));
        AssertHostUntouched();
    }

    [Fact]
    public void Whiteout_of_the_parent_is_refused()
    {
        var target = Path.Combine(_work.Root, "out");

        var error = Assert.Throws<BootPrepException>(() => Unpack(new OciImageBuilder()
            .Layer(l => l.File("a/b"))
            .Layer(l => l.File("a/.wh..", "")), target));

        Assert.Contains("names no file", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void Device_nodes_are_skipped_unless_asked_for()
    {
        var layout = new OciImageBuilder().Layer(l => l.Device("dev/null").Fifo("run/fifo")).WriteLayout(Path.Combine(_work.Root, "layout"));
        var target = Path.Combine(_work.Root, "out");
        var image = ImageSources.OpenImage($"oci:{layout}", null, TestHosts.X86_64)!;

        var result = ImageUnpacker.Unpack(image, target, new UnpackOptions(TestHosts.X86_64));

        Assert.Equal(1, result.SkippedDevices);
        Assert.False(File.Exists(Path.Combine(target, "dev/null")));
        Assert.Contains("run/fifo special", TreeSnapshot.Of(target), StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_pax_header_fails_and_leaves_nothing()
    {
        var tar = RawTar.Header("pax", 'x', 64L * 1024 * 1024).Concat(new byte[1024]).ToArray();
        var target = Path.Combine(_work.Root, "out");

        var error = Assert.Throws<BootPrepException>(() => Unpack(new OciImageBuilder().Layer(l => l.File("a")).RawLayer(tar), target));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.Equal(["layout"], Directory.GetFileSystemEntries(_work.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void Truncated_layer_fails_and_leaves_nothing()
    {
        var full = new TestLayer().File("big", new string('x', 5000)).Tar();
        var target = Path.Combine(_work.Root, "out");

        Assert.Throws<BootPrepException>(() => Unpack(new OciImageBuilder().RawLayer(full[..2048], LayerCompression.Gzip), target));

        Assert.Equal(["layout"], Directory.GetFileSystemEntries(_work.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void Modes_without_owner_write_are_applied_after_the_contents()
    {
        var target = Unpack(new OciImageBuilder().Layer(l => l.Dir("ro", 0x16d).File("ro/file", "x", 0x124)));

        Assert.Equal((UnixFileMode)0x16d, File.GetUnixFileMode(Path.Combine(target, "ro")));
        Assert.Equal("x", File.ReadAllText(Path.Combine(target, "ro/file")));
    }

    private string Unpack(OciImageBuilder image) => Unpack(image.WriteLayout(Path.Combine(_work.Root, "layout")));

    private void Unpack(OciImageBuilder image, string target) => Unpack(image.WriteLayout(Path.Combine(_work.Root, "layout")), target);

    private string Unpack(string layout, string? target = null)
    {
        target ??= Path.Combine(_work.Root, "out");
        var image = ImageSources.OpenImage($"oci:{layout}", null, TestHosts.X86_64)!;
        ImageUnpacker.Unpack(image, target, new UnpackOptions(TestHosts.X86_64));
        return target;
    }

    private void AssertHostUntouched()
    {
        Assert.Equal(_hostBefore, TreeSnapshot.Of(Sentinel));
        Assert.Equal(3, _hostBefore.Split('\n').Length);
    }

    /// <summary>Three layers as a bootc build leaves them (gzip and plain: Debian's umoci refuses zstd).</summary>
    private static OciImageBuilder BootcLikeImage() => new OciImageBuilder()
        .Layer(l => l.Dir("usr").Dir("usr/lib").Dir("etc").File("etc/os-release", "ID=test\n")
            .File("usr/lib/bootc/kargs.d/00-console.toml", "kargs = [\"console=ttyS0\"]\n")
            .Symlink("lib", "usr/lib").Dir("ro", 0x16d).File("ro/readonly", "x", 0x124))
        .Layer(l => l.Dir("usr/lib/modules").Dir("usr/lib/modules/6.1.0").File("sysroot/objects/k1", "kernel 6.1")
            .HardLink("usr/lib/modules/6.1.0/vmlinuz", "sysroot/objects/k1")
            .File("usr/lib/modules/6.1.0/initramfs.img", "initrd 6.1"))
        .Layer(l => l.Whiteout("usr/lib/modules/6.1.0").Dir("usr/lib/modules/6.9.0")
            .File("usr/lib/modules/6.9.0/vmlinuz", "kernel 6.9")
            .Opaque("etc").File("etc/hostname", "image\n"), LayerCompression.None);
}
