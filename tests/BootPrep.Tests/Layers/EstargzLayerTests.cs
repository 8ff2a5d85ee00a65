using BootPrep.Errors;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>eStargz layers as stargz-snapshotter's ctr-remote writes them, read through their table of contents.</summary>
public sealed class EstargzLayerTests(EstargzImage image) : PartialPullTests<EstargzImage>(image), IDisposable
{
    private const string OtherDigest = "sha256:8260610cc5d48eba48ff6a4ef17066a173901e3f87821af5a8ea5010ff260fdd";
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void The_initramfs_is_cut_into_chunks_the_last_of_which_has_an_implicit_size()
    {
        // 2 MiB and 2 bytes in 256 KiB chunks: eight full ones, and the last's chunkSize left out (estargz.go).
        var entries = Image.Toc(Image.Layers[1])["entries"]!.AsArray();

        var chunks = entries.Where(entry => (string)entry!["name"]! == InitramfsPath).ToList();

        Assert.Equal(9, chunks.Count);
        Assert.Null(chunks[^1]!["chunkSize"]);
    }

    [Fact]
    public void A_table_of_contents_that_is_not_the_one_the_manifest_names_is_refused()
    {
        var files = new RangedFiles(Image.WithTocDigest(_tree.Root, OtherDigest));

        var error = Assert.Throws<BootPrepException>(() => Open(files));

        Assert.Equal(BootPrepErrorKind.DigestMismatch, error.Kind);
        Assert.Contains("table of contents", error.Path, StringComparison.Ordinal);
        Assert.Contains(OtherDigest, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_toc_digest_annotation_that_is_not_a_digest_is_one_invalid_image_line()
    {
        var files = new RangedFiles(Image.WithTocDigest(_tree.Root, "sha256:toc"));

        var error = Assert.Throws<BootPrepException>(() => Open(files));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.Contains("containerd.io/snapshot/stargz/toc.digest", error.Path, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(40)]
    public void A_malformed_footer_is_one_invalid_image_line(int footerByte)
    {
        var kernelLayer = Image.Layers[1];
        var files = new RangedFiles(Image.Converted, flip: (kernelLayer.Blob, kernelLayer.Size - 51 + footerByte));

        var error = Assert.Throws<BootPrepException>(() => Open(files));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.EndsWith("(eStargz footer)", error.Path, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_table_of_contents_whose_bytes_were_changed_is_refused()
    {
        var kernelLayer = Image.Layers[1];
        var files = new RangedFiles(Image.Converted, flip: (kernelLayer.Blob, kernelLayer.TocOffset + 40));

        var error = Assert.Throws<BootPrepException>(() => Open(files));

        Assert.Contains(error.Kind, new[] { BootPrepErrorKind.DigestMismatch, BootPrepErrorKind.InvalidImage });
        Assert.Contains("table of contents", error.Path, StringComparison.Ordinal);
    }
}
