using BootPrep.Tests.Layers;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>
/// A registry that answers blob downloads with a redirect to a blob store (distribution's redirect middleware, as a
/// registry on S3 or behind a CDN does): the blobs come from the store, credentials stay with the registry, and range
/// requests follow the redirect.
/// </summary>
public sealed class RegistryRedirectTests : IClassFixture<RedirectingRegistry>, IClassFixture<ChunkedImage>
{
    private readonly RedirectingRegistry _registry;
    private readonly ChunkedImage _image;

    public RegistryRedirectTests(RedirectingRegistry registry, ChunkedImage image)
    {
        _registry = registry;
        _image = image;
        _registry.Push(image.Layout, "os/redirected:gzip");
        _registry.Push(image.Chunked, "os/redirected:chunked");
    }

    [Theory]
    [InlineData("gzip", "200 /docker/registry/v2/blobs/")]
    [InlineData("chunked", "206 /docker/registry/v2/blobs/")]
    public void Blobs_are_fetched_from_where_the_registry_redirects(string tag, string served)
    {
        var run = CliRun.Of("inspect", _registry.Reference($"os/redirected:{tag}"), "--json", "--authfile", _registry.AuthFile, "--cert-dir", _registry.CertDirectory);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(CliRun.Of("inspect", $"oci:{_image.Layout}", "--json").Output, run.Output);
        Assert.Contains(_registry.BlobRequests, request => request.StartsWith(served, StringComparison.Ordinal));
    }
}
