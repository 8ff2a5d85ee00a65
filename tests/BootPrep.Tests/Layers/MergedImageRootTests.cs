using BootPrep.Images;
using BootPrep.Files;
using BootPrep.Errors;
using BootPrep.RootFs;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

public sealed class MergedImageRootTests : IDisposable
{
    private const string Modules = "usr/lib/modules";
    private const string Linux = "boot/EFI/Linux";

    // Long enough that a layer of a few thousand such names fills more than one page of records.
    private const string Filler = "-a-name-long-enough-to-fill-pages-of-records";

    private readonly TestTree _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Whiteout_hides_a_lower_kernel_directory()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File($"{Modules}/6.1/vmlinuz").File($"{Modules}/6.2/vmlinuz"))
            .Layer(l => l.Whiteout($"{Modules}/6.1")));

        Assert.Null(root.Stat(ImagePath.Parse($"{Modules}/6.1")));
        Assert.Contains("\"version\": \"6.2\"", Reports.Of(root), StringComparison.Ordinal);
    }

    [Fact]
    public void Opaque_directory_hides_everything_below_it_from_lower_layers()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File($"{Linux}/a.efi").File($"{Linux}/sub/x"))
            .Layer(l => l.Opaque(Linux).File($"{Linux}/b.efi")));

        Assert.Equal(["b.efi"], root.ReadDirectory(ImagePath.Parse(Linux))!.Select(e => e.DisplayName));
    }

    [Fact]
    public void Whiteout_does_not_hide_a_file_of_its_own_layer()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File("etc/os-release"))
            .Layer(l => l.File($"{Linux}/x.efi", "new").Whiteout($"{Linux}/x.efi")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 3), root.Stat(ImagePath.Parse($"{Linux}/x.efi")));
    }

    [Fact]
    public void Opaque_marker_keeps_entries_of_its_own_layer_written_before_it()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File($"{Linux}/old.efi"))
            .Layer(l => l.File($"{Linux}/new.efi").Opaque(Linux)));

        Assert.Equal(["new.efi"], root.ReadDirectory(ImagePath.Parse(Linux))!.Select(e => e.DisplayName));
    }

    [Fact]
    public void Hard_linked_kernel_takes_the_size_and_content_of_its_target()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File("sysroot/ostree/repo/objects/ab/cdef.file", "kernel-content")
                .HardLink($"{Modules}/6.1/vmlinuz", "sysroot/ostree/repo/objects/ab/cdef.file")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 14), root.Stat(ImagePath.Parse($"{Modules}/6.1/vmlinuz")));
        using var reader = new StreamReader(root.OpenRead(ImagePath.Parse($"{Modules}/6.1/vmlinuz")));
        Assert.Equal("kernel-content", reader.ReadToEnd());
    }

    [Fact]
    public void Hard_link_to_a_missing_target_is_an_error()
    {
        var error = Assert.Throws<BootPrepException>(() => Open(new OciImageBuilder()
            .Layer(l => l.HardLink($"{Modules}/6.1/vmlinuz", "nowhere"))));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.Contains("hard link to nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kernel_that_moved_between_layers_is_found_where_it_ended()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File($"{Modules}/6.1/vmlinuz").File($"{Modules}/6.1/initramfs.img"))
            .Layer(l => l.Whiteout($"{Modules}/6.1").File($"{Modules}/6.9/vmlinuz").File($"{Modules}/6.9/initramfs.img")));

        Assert.Contains("\"version\": \"6.9\"", Reports.Of(root), StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_under_a_linked_directory_land_where_the_link_points_inside_the_root()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.Dir("sysroot/boot").Symlink("boot", "/sysroot/boot"))
            .Layer(l => l.File($"{Linux}/linked.efi", "uki")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 3), root.Stat(ImagePath.Parse($"sysroot/{Linux}/linked.efi")));
        Assert.Contains("\"version\": \"linked\"", Reports.Of(root), StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_dot_in_entry_names_never_leaves_the_root()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File("../../usr/lib/modules/6.1/vmlinuz", "kernel")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 6), root.Stat(ImagePath.Parse($"{Modules}/6.1/vmlinuz")));
    }

    [Fact]
    public void Kargs_reached_through_a_link_are_read_again_from_their_layer()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File("opt/kargs/10.toml", "kargs = [\"from-opt\"]").Dir("usr/lib/bootc").Symlink("usr/lib/bootc/kargs.d", "/opt/kargs"))
            .Layer(l => l.File($"{Modules}/6.1/vmlinuz")));

        var report = Reports.Of(root);

        Assert.Contains("\"from-opt\"", report, StringComparison.Ordinal);
        Assert.Contains("\"escapes-root\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Regular_file_as_a_parent_is_an_error_naming_the_entry()
    {
        var error = Assert.Throws<BootPrepException>(() => Open(new OciImageBuilder()
            .Layer(l => l.File("boot"))
            .Layer(l => l.File($"{Linux}/a.efi"))));

        Assert.Contains("entry boot/EFI/Linux/a.efi: its parent boot is not a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_replaced_by_a_file_in_its_own_layer_is_no_parent_for_the_entries_after_it()
    {
        var error = Assert.Throws<BootPrepException>(() => Open(new OciImageBuilder()
            .Layer(l => l.File($"{Linux}/a.efi").File(Linux).File($"{Linux}/b.efi"))));

        Assert.Contains($"entry {Linux}/b.efi: its parent {Linux} is not a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_after_their_directory_became_a_link_in_its_own_layer_land_where_the_link_points()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.Dir($"sysroot/{Linux}").File($"{Linux}/a.efi", "a").Symlink(Linux, $"/sysroot/{Linux}").File($"{Linux}/b.efi", "bb")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 2), root.Stat(ImagePath.Parse($"sysroot/{Linux}/b.efi")));
        Assert.Null(root.Stat(ImagePath.Parse($"{Linux}/a.efi")));
    }

    [Fact]
    public void Link_replaced_by_a_file_through_itself_is_no_parent_for_the_entries_after_it()
    {
        var error = Assert.Throws<BootPrepException>(() => Open(new OciImageBuilder()
            .Layer(l => l.Dir("d").Symlink("d/x", "/d").File("d/x/x").File("d/x/y"))));

        Assert.Contains("entry d/x/y: its parent d/x is not a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_replaced_by_a_file_and_then_made_again_holds_nothing_of_the_first()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File($"{Modules}/6.1/vmlinuz"))
            .Layer(l => l.File($"{Modules}/6.1"))
            .Layer(l => l.Dir($"{Modules}/6.1")));

        Assert.Empty(root.ReadDirectory(ImagePath.Parse($"{Modules}/6.1"))!);
        Assert.Null(root.Stat(ImagePath.Parse($"{Modules}/6.1/vmlinuz")));
    }

    [Fact]
    public void Whited_out_directory_made_again_holds_only_what_the_later_layer_adds()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File($"{Modules}/6.1/vmlinuz").File($"{Modules}/6.1/config"))
            .Layer(l => l.Whiteout($"{Modules}/6.1").File($"{Modules}/6.1/vmlinuz", "new")));

        Assert.Equal(["vmlinuz"], root.ReadDirectory(ImagePath.Parse($"{Modules}/6.1"))!.Select(e => e.DisplayName));
        Assert.Equal(new FileStatus(EntryKind.Regular, 3), root.Stat(ImagePath.Parse($"{Modules}/6.1/vmlinuz")));
    }

    [Fact]
    public void Listing_keeps_the_order_entries_were_first_added_in_when_one_is_replaced()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File($"{Linux}/b.efi").File($"{Linux}/a.efi").File($"{Linux}/c.efi"))
            .Layer(l => l.Symlink($"{Linux}/a.efi", "b.efi").Whiteout($"{Linux}/c.efi")));

        Assert.Equal([("b.efi", EntryKind.Regular), ("a.efi", EntryKind.Symlink)], root.ReadDirectory(ImagePath.Parse(Linux))!.Select(e => (e.DisplayName, e.Kind)));
    }

    [Fact]
    public void Hard_link_replacing_the_directory_that_holds_its_target_keeps_the_target()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File("opt/k/vmlinuz", "kernel-content"))
            .Layer(l => l.HardLink("opt/k", "opt/k/vmlinuz")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 14), root.Stat(ImagePath.Parse("opt/k")));
    }

    [Fact]
    public void Many_entries_in_many_directories_are_all_found_across_pages_and_after_the_table_grows()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => Enumerable.Range(0, 3000).Aggregate(l, (layer, i) => layer.File($"usr/share/d{i % 7}/f{i}{Filler}", "")))
            .Layer(l => l.Opaque("usr/share/d3").Whiteout($"usr/share/d5/f5{Filler}")));

        Assert.Equal(3000 / 7 + 1, root.ReadDirectory(ImagePath.Parse("usr/share/d0"))!.Count);
        Assert.Empty(root.ReadDirectory(ImagePath.Parse("usr/share/d3"))!);
        Assert.Null(root.Stat(ImagePath.Parse($"usr/share/d5/f5{Filler}")));
        Assert.Equal(new FileStatus(EntryKind.Regular, 0), root.Stat(ImagePath.Parse($"usr/share/d2/f2998{Filler}")));
    }

    [Fact]
    public void Link_target_longer_than_a_page_of_entries_is_kept_whole_and_entries_after_it_too()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File("opt/x", "four").Symlink("etc/long", new string('/', 60000) + "opt/x").File("opt/y", "after")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 4), root.Stat(ImagePath.Parse("etc/long")));
        Assert.Equal(new FileStatus(EntryKind.Regular, 5), root.Stat(ImagePath.Parse("opt/y")));
    }

    [Fact]
    public void Modules_directory_linked_by_a_later_layer_lists_what_an_earlier_layer_put_where_it_points()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File("opt/kernels/6.1/vmlinuz", "kernel"))
            .Layer(l => l.Symlink("usr/lib/modules", "/opt/kernels"))
            .Layer(l => l.File("opt/kernels/6.2/vmlinuz", "newer")));

        Assert.Equal(["6.1", "6.2"], root.ReadDirectory(ImagePath.Parse(Modules))!.Select(e => e.DisplayName));
        Assert.Equal(new FileStatus(EntryKind.Regular, 5), root.Stat(ImagePath.Parse($"{Modules}/6.2/vmlinuz")));
    }

    [Fact]
    public void Hard_link_keeps_what_its_target_held_when_a_later_layer_replaces_the_target()
    {
        var root = Open(new OciImageBuilder()
            .Layer(l => l.File("opt/vmlinuz", "kernel-content").HardLink($"{Modules}/6.1/vmlinuz", "opt/vmlinuz"))
            .Layer(l => l.File("opt/vmlinuz", "other")));

        using var reader = new StreamReader(root.OpenRead(ImagePath.Parse($"{Modules}/6.1/vmlinuz")));
        Assert.Equal("kernel-content", reader.ReadToEnd());
        Assert.Equal(new FileStatus(EntryKind.Regular, 5), root.Stat(ImagePath.Parse("opt/vmlinuz")));
    }

    [Fact]
    public void Layers_scanned_out_of_order_merge_in_image_order()
    {
        // The large layer is scanned first; the merge still applies every layer in the order of the image.
        var image = new OciImageBuilder();
        for (var i = 0; i < 8; i++)
        {
            var index = i;
            image.Layer(l => l.File("etc/who", new string('x', index + 10)).File($"opt/{(index == 6 ? "large" : "small")}", RandomBytes(index == 6 ? 1 << 20 : 100)));
        }

        var root = Open(image.Layer(l => l.Whiteout("opt/large")));

        Assert.Equal(new FileStatus(EntryKind.Regular, 17), root.Stat(ImagePath.Parse("etc/who")));
        Assert.Null(root.Stat(ImagePath.Parse("opt/large")));
        Assert.NotNull(root.Stat(ImagePath.Parse("opt/small")));
    }

    [Fact]
    public void The_first_corrupt_layer_in_image_order_is_the_error_even_when_a_later_one_scanned_first_is_corrupt_too()
    {
        var image = new OciImageBuilder();
        for (var i = 0; i < 10; i++)
        {
            var index = i;
            image.Layer(l => l.File($"opt/f{index}", index == 8 ? RandomBytes(1 << 20) : RandomBytes(1000)), LayerCompression.None);
        }

        var layout = image.WriteLayout(Path.Combine(_work.Root, "layout"));
        var blobs = LayerBlobs(layout);
        foreach (var corrupt in new[] { blobs[3], blobs[8] })
        {
            // A byte of the file's data, which only the digests can tell.
            var bytes = File.ReadAllBytes(corrupt);
            bytes[^1500] ^= 0x01;
            File.WriteAllBytes(corrupt, bytes);
        }

        var error = Assert.Throws<BootPrepException>(() => ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64));

        Assert.Equal(BootPrepErrorKind.DigestMismatch, error.Kind);
        Assert.Contains(Path.GetFileName(blobs[3]), error.Path, StringComparison.Ordinal);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    // The blob files of a layout's layers, in the manifest's order.
    private static string[] LayerBlobs(string layout)
    {
        string Blob(string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
        using var index = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout, "index.json")));
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Blob(index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!)));
        return [.. manifest.RootElement.GetProperty("layers").EnumerateArray().Select(layer => Blob(layer.GetProperty("digest").GetString()!))];
    }

    private IImageRoot Open(OciImageBuilder image)
    {
        var layout = image.WriteLayout(Path.Combine(_work.Root, Guid.NewGuid().ToString("N")));
        return ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);
    }
}
