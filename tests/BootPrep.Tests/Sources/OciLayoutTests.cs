using BootPrep.Errors;
using BootPrep.Sources;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

public sealed class OciLayoutTests : IDisposable
{
    private readonly TestTree _work = new();

    public void Dispose() => _work.Dispose();

    public static TheoryData<LayerCompression> Compressions => new(LayerCompression.Gzip, LayerCompression.Zstd, LayerCompression.None);

    [Theory]
    [MemberData(nameof(Compressions))]
    public void Layout_inspects_the_same_as_the_directory_it_holds(LayerCompression compression)
    {
        var layout = KernelImage(compression).WriteLayout(Path.Combine(_work.Root, "layout"));
        using var tree = new TestTree();
        tree.File("usr/lib/modules/6.12.0/vmlinuz", "kernel-bytes")
            .File("usr/lib/modules/6.12.0/initramfs.img", "initrd")
            .File("usr/lib/bootc/kargs.d/10.toml", "kargs = [\"quiet\"]")
            .Dir("etc");

        Assert.Equal(Reports.Of(tree.Root), Reports.Of($"oci:{layout}"));
        Assert.Contains("\"version\": \"6.12.0\"", Reports.Of($"oci:{layout}:latest"), StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_layout_directory_is_detected()
    {
        var layout = KernelImage(LayerCompression.Gzip).WriteLayout(Path.Combine(_work.Root, "layout"));

        Assert.Equal(Reports.Of($"oci:{layout}"), Reports.Of(layout));
    }

    [Fact]
    public void Oci_archive_is_read_in_place()
    {
        var layout = KernelImage(LayerCompression.Zstd).WriteLayout(Path.Combine(_work.Root, "layout"));
        var archive = Path.Combine(_work.Root, "image.tar");
        System.Formats.Tar.TarFile.CreateFromDirectory(layout, archive, includeBaseDirectory: false);

        Assert.Equal(Reports.Of($"oci:{layout}"), Reports.Of($"oci-archive:{archive}"));
        Assert.Equal(Reports.Of($"oci:{layout}"), Reports.Of(archive));
    }

    [Fact]
    public void Reference_chooses_among_images()
    {
        var layout = Path.Combine(_work.Root, "layout");
        var writer = new LayoutWriter(layout);
        writer.AddManifest(Image("6.1"), "amd64", "old", platform: false);
        writer.AddManifest(Image("6.2"), "amd64", "new", platform: false);

        Assert.Contains("\"version\": \"6.1\"", Reports.Of($"oci:{layout}:old"), StringComparison.Ordinal);
        Assert.Contains("\"version\": \"6.2\"", Reports.Of($"oci:{layout}:new"), StringComparison.Ordinal);
        var missing = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{layout}:other"));
        Assert.Equal(BootPrepErrorKind.ImageNotFound, missing.Kind);
        Assert.Contains("'old', 'new'", missing.Message, StringComparison.Ordinal);
        var ambiguous = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{layout}"));
        Assert.Contains("holds 2 images", ambiguous.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Platform_chooses_in_an_index_and_skips_attestations()
    {
        var layout = Path.Combine(_work.Root, "layout");
        new LayoutWriter(layout).AddIndex([(Image("6.1-amd64"), "amd64"), (Image("6.1-arm64"), "arm64")], "latest");

        Assert.Contains("\"version\": \"6.1-amd64\"", Reports.Of($"oci:{layout}:latest", Platform.Parse("linux/x86_64")), StringComparison.Ordinal);
        Assert.Contains("\"version\": \"6.1-arm64\"", Reports.Of($"oci:{layout}:latest", Platform.Parse("linux/aarch64")), StringComparison.Ordinal);
        var error = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{layout}", Platform.Parse("linux/s390x")));
        Assert.Equal(BootPrepErrorKind.ImageNotFound, error.Kind);
        Assert.Contains("there are linux/amd64, linux/arm64;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_platform_must_match_a_single_image()
    {
        var layout = KernelImage(LayerCompression.Gzip).WriteLayout(Path.Combine(_work.Root, "layout"));

        var error = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{layout}", Platform.Parse("linux/arm64")));
        Assert.Contains("the image is for linux/amd64, not linux/arm64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_blob_is_a_digest_mismatch_naming_it()
    {
        var layout = KernelImage(LayerCompression.None).WriteLayout(Path.Combine(_work.Root, "layout"));
        var blob = LargestBlob(layout);
        var bytes = File.ReadAllBytes(blob);
        bytes[600] ^= 0x01;
        File.WriteAllBytes(blob, bytes);

        var error = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{layout}"));

        Assert.Equal(BootPrepErrorKind.DigestMismatch, error.Kind);
        Assert.Contains(Path.GetFileName(blob), error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_layer_is_an_error_naming_it()
    {
        var layout = KernelImage(LayerCompression.None).WriteLayout(Path.Combine(_work.Root, "layout"));
        var blob = LargestBlob(layout);
        File.WriteAllBytes(blob, File.ReadAllBytes(blob)[..700]);

        var error = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{layout}"));

        Assert.Contains(Path.GetFileName(blob), error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_larger_than_its_descriptor_is_refused_before_it_is_decompressed()
    {
        // A gzip bomb put where a small layer belongs (docker CVE-2017-14992): reading stops at the stated size.
        var layout = KernelImage(LayerCompression.Gzip).WriteLayout(Path.Combine(_work.Root, "layout"));
        var blob = LargestBlob(layout);
        var bomb = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(bomb, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[256 * 1024 * 1024]);
        }

        File.WriteAllBytes(blob, bomb.ToArray());

        var error = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{layout}"));

        Assert.Equal(BootPrepErrorKind.DigestMismatch, error.Kind);
        Assert.Contains("is larger than the", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_diff_id_is_a_digest_mismatch()
    {
        var layout = KernelImage(LayerCompression.Gzip).WriteLayout(Path.Combine(_work.Root, "layout"));
        var config = Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Single(f => File.ReadAllText(f).Contains("diff_ids", StringComparison.Ordinal));
        var text = File.ReadAllText(config);
        var diffId = text[(text.IndexOf("sha256:", StringComparison.Ordinal) + 7)..][..64];
        var forged = text.Replace(diffId, new string('0', 64), StringComparison.Ordinal);
        RewriteBlob(layout, config, forged);

        var error = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{layout}"));

        Assert.Equal(BootPrepErrorKind.DigestMismatch, error.Kind);
        Assert.Contains("diff_id", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Xz_layer_is_refused_and_no_decompressor_is_run()
    {
        // moby CVE-2014-9357 ran an external xz on layer data; BootPrep decodes only gzip and zstd, in process.
        byte[] xz = [0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, 0x00, 0x04];
        var layout = new OciImageBuilder()
            .RawLayer(xz, LayerCompression.None, "application/vnd.oci.image.layer.v1.tar+xz")
            .WriteLayout(Path.Combine(_work.Root, "layout"));

        var error = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{layout}"));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.Contains("unsupported layer media type application/vnd.oci.image.layer.v1.tar+xz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_layout_is_an_error()
    {
        _work.File("empty/index.json", "{}");

        var error = Assert.Throws<BootPrepException>(() => Reports.Of($"oci:{Path.Combine(_work.Root, "empty")}"));

        Assert.Contains("no oci-layout file", error.Message, StringComparison.Ordinal);
    }

    private static OciImageBuilder KernelImage(LayerCompression compression) => new OciImageBuilder()
        .Layer(l => l.Dir("etc").Dir("usr").Dir("usr/lib").File("usr/lib/bootc/kargs.d/10.toml", "kargs = [\"quiet\"]"), compression)
        .Layer(l => l.File("usr/lib/modules/6.12.0/vmlinuz", "kernel-bytes").File("usr/lib/modules/6.12.0/initramfs.img", "initrd"), compression);

    private static OciImageBuilder Image(string version) => new OciImageBuilder()
        .Layer(l => l.File($"usr/lib/modules/{version}/vmlinuz", version));

    private static string LargestBlob(string layout) =>
        Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).OrderByDescending(f => new FileInfo(f).Length).First();

    /// <summary>Replaces a blob with same-length content under its new digest and fixes every reference to it.</summary>
    private static void RewriteBlob(string layout, string blob, string content)
    {
        var oldHex = Path.GetFileName(blob);
        var data = System.Text.Encoding.UTF8.GetBytes(content);
        var newHex = OciImageBuilder.Sha256(data)["sha256:".Length..];
        File.Delete(blob);
        File.WriteAllBytes(Path.Combine(layout, "blobs", "sha256", newHex), data);
        foreach (var file in Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Append(Path.Combine(layout, "index.json")))
        {
            var text = File.ReadAllText(file);
            if (text.Contains(oldHex, StringComparison.Ordinal))
            {
                // Digests have a fixed length, so sizes in descriptors stay right.
                var updated = text.Replace(oldHex, newHex, StringComparison.Ordinal);
                if (file.EndsWith("index.json", StringComparison.Ordinal))
                {
                    File.WriteAllText(file, updated);
                }
                else
                {
                    RewriteBlob(layout, file, updated);
                }
            }
        }
    }
}
