using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Images;
using BootPrep.Layers;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>
/// The merged tree keeps only the files on the ways to what detection reads; every other question is answered by
/// merging the layers again, whole, so no answer differs from a tree that kept everything.
/// </summary>
public sealed class MergedTreePruningTests : IDisposable
{
    private const string Modules = "usr/lib/modules";

    private readonly TestTree _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Inspect_of_a_bootc_image_merges_its_layers_once()
    {
        using var root = Open(new OciImageBuilder()
            .Layer(l => Filler(l, "usr/share/doc", 300).File("etc/os-release").Symlink("bin", "usr/bin").File("usr/bin/sh"))
            .Layer(l => l.File($"{Modules}/6.1/vmlinuz", "kernel").File($"{Modules}/6.1/initramfs.img", "initramfs")
                .File($"{Modules}/6.1/modules.dep").File($"{Modules}/6.1/kernel/drivers/a.ko"))
            .Layer(l => l.File("usr/lib/bootc/kargs.d/10-console.toml", "kargs = [\"console=ttyS0\"]\n")));

        Assert.Contains("\"version\": \"6.1\"", Reports.Of(root), StringComparison.Ordinal);
        Assert.Equal(1, root.Merges);
    }

    [Fact]
    public void Missing_file_where_detection_looks_is_known_missing_without_merging_again()
    {
        using var root = Open(new OciImageBuilder()
            .Layer(l => Filler(l, "usr/share/doc", 10).File($"{Modules}/6.1/vmlinuz", "kernel")));

        Assert.Null(root.Stat(ImagePath.Parse($"{Modules}/6.1/initramfs.img")));
        Assert.Null(root.Stat(ImagePath.Parse("boot/EFI/Linux/a.efi")));
        Assert.Equal(1, root.Merges);
    }

    [Fact]
    public void File_off_those_ways_is_found_by_merging_again_whole()
    {
        using var root = Open(new OciImageBuilder()
            .Layer(l => Filler(l, "usr/share/doc", 10).File("usr/share/doc/readme", "hello"))
            .Layer(l => l.Whiteout("usr/share/doc/f3")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 5), root.Stat(ImagePath.Parse("usr/share/doc/readme")));
        Assert.Equal(2, root.Merges);
        Assert.Null(root.Stat(ImagePath.Parse("usr/share/doc/f3")));
        Assert.Equal(10, root.ReadDirectory(ImagePath.Parse("usr/share/doc"))!.Count);
        using var reader = new StreamReader(root.OpenRead(ImagePath.Parse("usr/share/doc/readme")));
        Assert.Equal("hello", reader.ReadToEnd());
        Assert.Equal(2, root.Merges);
    }

    [Fact]
    public void Listing_a_directory_that_lost_files_merges_again_whole()
    {
        using var root = Open(new OciImageBuilder().Layer(l => Filler(l, "opt/data", 5).Dir("opt/data/sub")));

        Assert.Equal(6, root.ReadDirectory(ImagePath.Parse("opt/data"))!.Count);
        Assert.Equal(2, root.Merges);
    }

    [Fact]
    public void Kernel_reached_through_a_link_into_dropped_files_is_found()
    {
        using var root = Open(new OciImageBuilder()
            .Layer(l => l.File("opt/kernels/6.1/vmlinuz", "kernel").Symlink($"{Modules}/6.1", "/opt/kernels/6.1")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 6), root.Stat(ImagePath.Parse($"{Modules}/6.1/vmlinuz")));
        Assert.Contains("\"version\": \"6.1\"", Reports.Of(root), StringComparison.Ordinal);
    }

    [Fact]
    public void Hard_link_to_a_dropped_file_reads_that_file()
    {
        using var root = Open(new OciImageBuilder()
            .Layer(l => l.File("usr/lib/ostree-boot/vmlinuz-6.1", "kernel").HardLink($"{Modules}/6.1/vmlinuz", "usr/lib/ostree-boot/vmlinuz-6.1")));

        using var reader = new StreamReader(root.OpenRead(ImagePath.Parse($"{Modules}/6.1/vmlinuz")));
        Assert.Equal("kernel", reader.ReadToEnd());
    }

    [Fact]
    public void Hard_link_between_dropped_files_costs_no_second_merge()
    {
        using var root = Open(new OciImageBuilder()
            .Layer(l => Filler(l, "usr/bin", 3).HardLink("usr/bin/perl5.36", "usr/bin/f1")));

        Assert.NotEmpty(Reports.Of(root));
        Assert.Equal(1, root.Merges);
    }

    [Fact]
    public void Hard_link_to_nothing_where_files_were_dropped_is_refused_when_asked_for()
    {
        using var root = Open(new OciImageBuilder()
            .Layer(l => Filler(l, "opt/a", 3).HardLink("opt/b/link", "opt/a/missing")));

        var error = Assert.Throws<BootPrepException>(() => root.Stat(ImagePath.Parse("opt/b/link")));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.Contains("hard link to opt/a/missing, which is not in the image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hard_link_to_nothing_elsewhere_is_refused_at_once()
    {
        var error = Assert.Throws<BootPrepException>(() => Open(new OciImageBuilder()
            .Layer(l => l.HardLink("opt/b/link", "opt/a/missing"))));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.Contains("hard link to opt/a/missing, which is not in the image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropped_file_used_as_a_parent_is_refused_as_a_whole_tree_refuses_it()
    {
        var error = Assert.Throws<BootPrepException>(() => Open(new OciImageBuilder()
            .Layer(l => l.File("opt/x"))
            .Layer(l => l.File("opt/x/y"))));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.Contains("is not a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opaque_directory_forgets_what_it_dropped()
    {
        using var root = Open(new OciImageBuilder()
            .Layer(l => Filler(l, "opt/data", 5))
            .Layer(l => l.Opaque("opt/data").Dir("opt/data/sub")));

        Assert.Equal(["sub"], root.ReadDirectory(ImagePath.Parse("opt/data"))!.Select(e => e.DisplayName));
        Assert.Null(root.Stat(ImagePath.Parse("opt/data/f1")));
        Assert.Equal(1, root.Merges);
    }

    private static TestLayer Filler(TestLayer layer, string directory, int count)
    {
        for (var i = 0; i < count; i++)
        {
            layer.File($"{directory}/f{i}");
        }

        return layer;
    }

    private MergedImageRoot Open(OciImageBuilder image)
    {
        var layout = image.WriteLayout(Path.Combine(_work.Root, Guid.NewGuid().ToString("N")));
        return (MergedImageRoot)ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);
    }
}
