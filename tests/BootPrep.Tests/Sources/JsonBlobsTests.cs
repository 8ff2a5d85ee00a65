using System.Text;
using BootPrep.Errors;
using BootPrep.Sources;
using BootPrep.Sources.Oci;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>The image's JSON documents: read whole up to a limit, whatever size they state or do not state.</summary>
public sealed class JsonBlobsTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_document_of_unknown_size_longer_than_the_first_buffer_is_read_whole()
    {
        var manifests = string.Join(',', Enumerable.Range(0, 3000).Select(i => $"{{\"mediaType\":\"m\",\"digest\":\"sha256:{i:x64}\",\"size\":{i}}}"));
        var index = Read($"{{\"schemaVersion\":2,\"manifests\":[{manifests}]}}", size: null);

        Assert.Equal(3000, index.Manifests!.Count);
        Assert.Equal(2999, index.Manifests[^1].Size);
    }

    [Fact]
    public void A_document_of_unknown_size_past_the_limit_is_refused()
    {
        var padding = new string(' ', JsonBlobs.MaxSize);

        var error = Assert.Throws<BootPrepException>(() => Read($"{{\"schemaVersion\":2{padding}}}", size: null));

        Assert.Contains($"larger than the limit of {JsonBlobs.MaxSize} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stated_size_past_the_limit_is_refused_before_reading()
    {
        var error = Assert.Throws<BootPrepException>(() => Read("{}", size: JsonBlobs.MaxSize + 1L));

        Assert.Contains("larger than the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_stated_size_is_refused()
    {
        var error = Assert.Throws<BootPrepException>(() => Read("{}", size: -5));

        Assert.Contains("negative size (-5)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, "larger than the 10 bytes the image says")]
    [InlineData(1000, "but the image says 1000")]
    public void A_document_that_is_not_its_stated_size_is_refused(int size, string message)
    {
        var error = Assert.Throws<BootPrepException>(() => Read("{\"schemaVersion\":2,\"manifests\":[]}", size));

        Assert.Equal(BootPrepErrorKind.DigestMismatch, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private OciIndex Read(string json, long? size)
    {
        File.WriteAllBytes(Path.Combine(_tree.Root, "index.json"), Encoding.UTF8.GetBytes(json));
        return JsonBlobs.Read(new DirectoryFiles(_tree.Root), "index.json", null, size, ImageJsonContext.Default.OciIndex);
    }
}
