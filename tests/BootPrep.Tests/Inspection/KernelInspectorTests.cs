using BootPrep.Images;
using BootPrep.Errors;
using BootPrep.Inspection;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Inspection;

public sealed class KernelInspectorTests
{
    [Fact]
    public void A_layer_that_changes_after_it_was_read_fails_the_inspect_instead_of_becoming_a_kernel_error()
    {
        using var tree = new TestTree();
        var layout = new OciImageBuilder()
            .Layer(layer => layer.File("usr/lib/modules/6.12.0/vmlinuz", "kernel").File("usr/lib/modules/6.12.0/initramfs.img", "initramfs"))
            .WriteLayout(Path.Combine(tree.Root, "layout"));
        using var root = ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);
        var blob = Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Single(file => File.ReadAllBytes(file) is [0x1f, 0x8b, ..]);
        File.WriteAllBytes(blob, new byte[new FileInfo(blob).Length]);

        var error = Assert.Throws<BootPrepException>(() => ImageInspector.Inspect(root, TestArchitecture.X86_64));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
    }
}
