using BootPrep.Errors;
using BootPrep.Sources;

namespace BootPrep.Tests.Sources;

/// <summary>The zstd:chunked and eStargz annotations of a layer descriptor, as skopeo and ctr-remote write them.</summary>
public sealed class TocLocationTests
{
    private const string Checksum = "sha256:8260610cc5d48eba48ff6a4ef17066a173901e3f87821af5a8ea5010ff260fdd";

    [Fact]
    public void The_position_and_checksum_locate_the_table()
    {
        var toc = TocLocation.FromAnnotations(Annotations("300635:820:3458:1"), "layer");

        Assert.Equal(new ZstdChunkedToc(Digest.Parse(Checksum, "test"), 300635, 820, 3458), toc);
    }

    [Fact]
    public void A_layer_without_the_annotations_has_no_table()
    {
        Assert.Null(TocLocation.FromAnnotations(null, "layer"));
        Assert.Null(TocLocation.FromAnnotations(new Dictionary<string, string> { ["org.opencontainers.image.title"] = "x" }, "layer"));
    }

    [Fact]
    public void An_estargz_toc_digest_names_the_table_at_the_footer()
    {
        var toc = TocLocation.FromAnnotations(new Dictionary<string, string> { [EstargzToc.DigestAnnotation] = Checksum, ["io.containers.estargz.uncompressed-size"] = "3150848" }, "layer");

        Assert.Equal(new EstargzToc(Digest.Parse(Checksum, "test")), toc);
    }

    [Theory]
    [InlineData("300635:820:3458")]
    [InlineData("300635:820:3458:2")]
    [InlineData("-1:820:3458:1")]
    [InlineData("300635:0:3458:1")]
    [InlineData("300635:820:x:1")]
    [InlineData("99999999999999999999:820:3458:1")]
    public void A_malformed_position_is_refused(string position)
    {
        var error = Assert.Throws<BootPrepException>(() => TocLocation.FromAnnotations(Annotations(position), "layer"));

        Assert.Equal((BootPrepErrorKind.InvalidImage, "layer"), (error.Kind, error.Path));
    }

    [Fact]
    public void A_position_without_a_checksum_is_refused()
    {
        var error = Assert.Throws<BootPrepException>(() => TocLocation.FromAnnotations(new Dictionary<string, string> { [ZstdChunkedToc.PositionAnnotation] = "1:2:3:1" }, "layer"));

        Assert.Contains("cannot be checked", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Annotations(string position) => new()
    {
        [ZstdChunkedToc.ChecksumAnnotation] = Checksum,
        [ZstdChunkedToc.PositionAnnotation] = position,
    };
}
