using BootPrep.Images;
using BootPrep.Layers;
using BootPrep.Layers.Cache;
using BootPrep.Sources;
using BootPrep.Sources.Oci;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>
/// The layer cache: a second inspect of an image reads none of its layers and reports the same; a summary that does
/// not match its layer, is damaged, or lost its kept files is not used, and the layer is read again.
/// </summary>
public sealed class LayerCacheTests : IDisposable
{
    private readonly TestTree _tree = new();
    private readonly string _layout;
    private readonly string _cache;

    public LayerCacheTests()
    {
        var payload = new byte[1 << 20];
        new Random(7).NextBytes(payload);
        _layout = new OciImageBuilder()
            .Layer(layer => layer.File("etc/os-release", "ID=cached\n").File("usr/share/payload.bin", payload))
            .Layer(layer => layer
                .File("usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP"))
                .File("usr/lib/modules/6.12.0/initramfs.img", [0x1f, 0x8b, .. payload]))
            .Layer(layer => layer.File("usr/lib/bootc/kargs.d/10-console.toml", "kargs = [\"console=ttyS0\"]\n"), LayerCompression.Zstd)
            .WriteLayout(Path.Combine(_tree.Root, "layout"));
        _cache = Path.Combine(_tree.Root, "cache");
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_second_inspect_reads_no_layer_and_reports_the_same()
    {
        var (cold, coldBytes) = Inspect();
        var (warm, warmBytes) = Inspect();

        Assert.Equal(Reports.Of($"oci:{_layout}"), cold);
        Assert.Equal(cold, warm);
        Assert.True(coldBytes > 2 << 20, $"{coldBytes} bytes read cold");
        Assert.InRange(warmBytes, 1, 4096);
    }

    [Fact]
    public void A_summary_of_another_layer_is_not_used()
    {
        Inspect();
        var summaries = Directory.GetFiles(Path.Combine(_cache, "layers", "sha256"));
        var contents = summaries.Select(File.ReadAllBytes).ToList();
        Assert.Equal(3, summaries.Length);
        for (var i = 0; i < summaries.Length; i++)
        {
            File.WriteAllBytes(summaries[i], contents[(i + 1) % contents.Count]);
        }

        var (report, bytes) = Inspect();

        Assert.Equal(Reports.Of($"oci:{_layout}"), report);
        Assert.True(bytes > 2 << 20, $"{bytes} bytes read");
    }

    [Fact]
    public void A_damaged_summary_is_not_used_and_is_written_again()
    {
        Inspect();
        foreach (var summary in Directory.GetFiles(Path.Combine(_cache, "layers", "sha256")))
        {
            var bytes = File.ReadAllBytes(summary);
            bytes[bytes.Length / 2] ^= 0x20;
            File.WriteAllBytes(summary, bytes);
        }

        var (report, read) = Inspect();
        var (_, again) = Inspect();

        Assert.Equal(Reports.Of($"oci:{_layout}"), report);
        Assert.True(read > 2 << 20, $"{read} bytes read");
        Assert.InRange(again, 1, 4096);
    }

    [Fact]
    public void A_summary_whose_kept_files_are_gone_is_not_used()
    {
        Inspect();
        foreach (var file in Directory.GetFiles(Path.Combine(_cache, "files", "sha256")))
        {
            File.Delete(file);
        }

        var (report, bytes) = Inspect();

        Assert.Equal(Reports.Of($"oci:{_layout}"), report);
        Assert.True(bytes > 1 << 20, $"{bytes} bytes read");
    }

    [Fact]
    public void A_cache_that_cannot_be_written_changes_nothing()
    {
        File.WriteAllText(_cache, "not a directory");

        var (report, _) = Inspect();

        Assert.Equal(Reports.Of($"oci:{_layout}"), report);
    }

    [Fact]
    public void Inspect_keeps_summaries_in_the_host_cache_unless_told_not_to()
    {
        var host = TestHosts.X86_64 with { CacheDirectory = _cache };

        var skipped = CliRun.On(host, "inspect", $"oci:{_layout}", "--json", "--no-cache");
        var kept = CliRun.On(host, "inspect", $"oci:{_layout}", "--json");
        var again = CliRun.On(host, "inspect", $"oci:{_layout}", "--json");

        Assert.Equal((0, 0, 0), (skipped.ExitCode, kept.ExitCode, again.ExitCode));
        Assert.Equal(skipped.Output, again.Output);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_cache, "layers", "sha256")).Length);
    }

    [Fact]
    public void Stage_reads_the_layers_even_when_a_cache_is_there()
    {
        var host = TestHosts.X86_64 with { CacheDirectory = _cache };

        var run = CliRun.On(host, "stage", "--dry-run", $"oci:{_layout}", "--cmdline", "quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(Directory.Exists(_cache));
    }

    private (string Report, long Bytes) Inspect()
    {
        var files = new RangedFiles(_layout);
        var image = new ContainerImage(files, OciLayoutReader.Read(files, null, new Platform("linux", "amd64", null), platformGiven: false));
        using var root = MergedImageRoot.Build(image, ImageRoots.BootcFiles, new LayerCache(_cache));
        return (Reports.Of(root), files.Fetched);
    }
}
