using BootPrep.Tests.Layers;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>
/// A zstd:chunked image pushed by skopeo to a real registry and inspected through docker://, counting every byte the
/// registry sends on the wire: the report of the whole image, for a few percent of its bytes.
/// </summary>
public sealed class ChunkedRegistryTests : IClassFixture<TestRegistry>, IClassFixture<ChunkedImage>, IDisposable
{
    private readonly TestRegistry _registry;
    private readonly ChunkedImage _image;
    private readonly TestTree _tree = new();
    private readonly CountingProxy _proxy;
    private readonly string _authFile;

    public ChunkedRegistryTests(TestRegistry registry, ChunkedImage image)
    {
        _registry = registry;
        _image = image;
        _registry.Push(image.Chunked, "os/chunked:1");
        _proxy = new CountingProxy(registry.Port);
        _authFile = Path.Combine(_tree.Root, "auth.json");
        File.WriteAllText(_authFile, $"{{\"auths\": {{\"127.0.0.1:{_proxy.Port}\": {{\"auth\": \"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestRegistry.User}:{TestRegistry.Password}"))}\"}}}}}}");
    }

    public void Dispose()
    {
        _proxy.Dispose();
        _tree.Dispose();
    }

    [Fact]
    public void Inspect_through_docker_reports_the_whole_image_for_under_five_percent_of_its_bytes()
    {
        var compressed = _image.Layers.Sum(layer => layer.Size);

        var run = CliRun.Of("inspect", $"docker://127.0.0.1:{_proxy.Port}/os/chunked:1", "--json", "--authfile", _authFile, "--tls-verify=false");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(CliRun.Of("inspect", $"oci:{_image.Layout}", "--json").Output, run.Output);
        Assert.InRange(_proxy.Received, 1, compressed / 20);
    }

    [Fact]
    public void Stage_fetches_the_kernel_and_initramfs_whole_and_checked()
    {
        var run = CliRun.Of("stage", "--dry-run", $"docker://127.0.0.1:{_proxy.Port}/os/chunked:1", "--authfile", _authFile, "--tls-verify=false", "--cmdline", "quiet", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_image.Initramfs)), run.Output, StringComparison.Ordinal);
        Assert.InRange(_proxy.Received, _image.Initramfs.Length, _image.Layers.Sum(layer => layer.Size) / 2);
    }
}
