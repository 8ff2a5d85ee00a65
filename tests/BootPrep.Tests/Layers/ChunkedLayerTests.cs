using BootPrep.Errors;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>zstd:chunked layers as skopeo writes them, read through their table of contents.</summary>
public sealed class ChunkedLayerTests(ChunkedImage image) : PartialPullTests<ChunkedImage>(image)
{
    [Fact]
    public void A_table_of_contents_that_is_not_the_one_the_manifest_names_is_refused()
    {
        var kernelLayer = Image.Layers[1];
        var files = new RangedFiles(Image.Chunked, flip: (kernelLayer.Blob, kernelLayer.TocOffset + 10));

        var error = Assert.Throws<BootPrepException>(() => Open(files));

        Assert.Equal(BootPrepErrorKind.DigestMismatch, error.Kind);
        Assert.Contains("table of contents", error.Path, StringComparison.Ordinal);
    }
}
