using BootPrep.Tests.Layers;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>
/// An image whose layers have a table of contents, pushed by skopeo to a real registry and inspected through docker://,
/// counting every byte the registry sends on the wire: the report of the whole image, for a few percent of its bytes.
/// Each format runs these with its own converted image (its class fixture), pushed as <c>os/NAME:1</c>.
/// </summary>
public abstract class PartialPullRegistryTests<TImage> : IClassFixture<TestRegistry>, IDisposable
    where TImage : class, IPartialPullImage
{
    private readonly TImage _image;
    private readonly string _reference;
    private readonly TestTree _tree = new();
    private readonly CountingProxy _proxy;
    private readonly string _authFile;

    protected PartialPullRegistryTests(TestRegistry registry, TImage image, string name)
    {
        _image = image;
        registry.Push(image.Converted, $"os/{name}:1");
        _proxy = new CountingProxy(registry.Port);
        _reference = $"docker://127.0.0.1:{_proxy.Port}/os/{name}:1";
        _authFile = Path.Combine(_tree.Root, "auth.json");
        File.WriteAllText(_authFile, $"{{\"auths\": {{\"127.0.0.1:{_proxy.Port}\": {{\"auth\": \"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestRegistry.User}:{TestRegistry.Password}"))}\"}}}}}}");
    }

    public void Dispose()
    {
        _proxy.Dispose();
        _tree.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Inspect_through_docker_reports_the_whole_image_for_under_five_percent_of_its_bytes()
    {
        var compressed = _image.Layers.Sum(layer => layer.Size);

        var run = CliRun.Of("inspect", _reference, "--json", "--authfile", _authFile, "--tls-verify=false");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(CliRun.Of("inspect", $"oci:{_image.Layout}", "--json").Output, run.Output);
        Assert.InRange(_proxy.Received, 1, compressed / 20);
    }

    [Fact]
    public void Stage_fetches_the_kernel_and_initramfs_whole_and_checked()
    {
        var run = CliRun.Of("stage", "--dry-run", _reference, "--authfile", _authFile, "--tls-verify=false", "--cmdline", "quiet", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_image.Initramfs)), run.Output, StringComparison.Ordinal);
        Assert.InRange(_proxy.Received, _image.Initramfs.Length, _image.Layers.Sum(layer => layer.Size) / 2);
    }
}
