using BootPrep.Errors;
using BootPrep.Images;
using BootPrep.Inspection;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Inspection;

public sealed class KernelInspectorTests
{
    [Fact]
    public void A_layer_that_changes_after_it_was_read_changes_nothing_in_the_report()
    {
        using var tree = new TestTree();
        var layout = new OciImageBuilder()
            .Layer(layer => layer.File("usr/lib/modules/6.12.0/vmlinuz", "kernel").File("usr/lib/modules/6.12.0/initramfs.img", "initramfs"))
            .WriteLayout(Path.Combine(tree.Root, "layout"));
        using var root = ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);
        var before = Reports.Of(root);
        ZeroLayer(layout);

        Assert.Equal(before, Reports.Of(root));
    }

    [Fact]
    public void A_layer_that_changes_after_it_was_read_fails_the_inspect_when_a_file_must_be_read_again()
    {
        using var tree = new TestTree();
        var layout = new OciImageBuilder()
            .Layer(layer => layer.File("opt/vmlinuz-6.12.0", "kernel").Symlink("usr/lib/modules/6.12.0/vmlinuz", "/opt/vmlinuz-6.12.0"))
            .WriteLayout(Path.Combine(tree.Root, "layout"));
        using var root = ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);
        ZeroLayer(layout);

        var error = Assert.Throws<BootPrepException>(() => ImageInspector.Inspect(root, TestArchitecture.X86_64));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
    }

    private static void ZeroLayer(string layout)
    {
        var blob = Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Single(file => File.ReadAllBytes(file) is [0x1f, 0x8b, ..]);
        File.WriteAllBytes(blob, new byte[new FileInfo(blob).Length]);
    }
}
