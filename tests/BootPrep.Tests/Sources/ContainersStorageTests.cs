using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>
/// containers-storage: against real podman/buildah storage (vfs and overlay drivers, made by Debian's skopeo and
/// buildah in a storage root of the test's): the same report as the OCI layout, whiteouts applied, tampering caught by the diff
/// digests the storage recorded.
/// </summary>
public sealed class ContainersStorageTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Store => $"[vfs@{Path.Combine(_tree.Root, "storage")}+{Path.Combine(_tree.Root, "run")}]";

    [Theory]
    [InlineData("vfs")]
    [InlineData("overlay")]
    public void An_image_copied_into_storage_reads_as_from_its_layout(string driver)
    {
        var store = $"[{driver}@{Path.Combine(_tree.Root, "storage")}+{Path.Combine(_tree.Root, "run")}]";
        var layout = new OciImageBuilder()
            .Layer(layer => layer.File("usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP")).File("usr/lib/modules/6.12.0/initramfs.img", "initramfs").File("usr/lib/modules/5.14.0/vmlinuz", "old"))
            .Layer(layer => layer.File("usr/lib/modules/.wh.5.14.0", "").File("usr/lib/bootc/kargs.d/10.toml", "kargs = [\"quiet\"]\n"), LayerCompression.Zstd)
            .WriteLayout(Path.Combine(_tree.Root, "layout"));
        ExternalTool.Run("skopeo", "copy", "--quiet", $"oci:{layout}", $"containers-storage:{store}localhost/os:1");

        var fromStorage = SameReport($"containers-storage:{store}localhost/os:1", $"oci:{layout}");

        Assert.DoesNotContain("5.14.0", fromStorage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_buildah_committed_reads_as_skopeo_exports_it()
    {
        var context = Path.Combine(_tree.Root, "context");
        _tree.File("context/usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP"));
        var container = Buildah("from", "scratch").Trim();
        Buildah("copy", container, $"{context}/", "/");
        Buildah("commit", "--quiet", container, "localhost/built:1");
        var exported = Path.Combine(_tree.Root, "exported");
        ExternalTool.Run("skopeo", "copy", "--quiet", $"containers-storage:{Store}localhost/built:1", $"oci:{exported}:latest");

        var fromStorage = SameReport($"containers-storage:{Store}localhost/built:1", $"oci:{exported}:latest");

        Assert.Contains("\"version\": \"6.12.0\"", fromStorage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_changed_in_the_storage_is_caught_by_the_diff_digest()
    {
        var layout = new OciImageBuilder()
            .Layer(layer => layer.File("usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP")))
            .WriteLayout(Path.Combine(_tree.Root, "layout"));
        ExternalTool.Run("skopeo", "copy", "--quiet", $"oci:{layout}", $"containers-storage:{Store}localhost/os:1");
        var kernel = Directory.GetFiles(Path.Combine(_tree.Root, "storage", "vfs", "dir"), "vmlinuz", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(kernel);
        bytes[100] ^= 0xff;
        File.WriteAllBytes(kernel, bytes);

        var run = CliRun.Of("inspect", $"containers-storage:{Store}localhost/os:1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("(uncompressed, diff_id): content digest is sha256:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_image_names_the_storage_root()
    {
        var layout = new OciImageBuilder().Layer(layer => layer.File("etc/os-release", "ID=x\n")).WriteLayout(Path.Combine(_tree.Root, "layout"));
        ExternalTool.Run("skopeo", "copy", "--quiet", $"oci:{layout}", $"containers-storage:{Store}localhost/os:1");

        var run = CliRun.Of("inspect", $"containers-storage:{Store}localhost/other:1");

        Assert.Equal((1, $"bootprep: containers-storage:{Store.Split('+')[0]}]localhost/other:1: no image named localhost/other:1 in {Path.Combine(_tree.Root, "storage")} (vfs)\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public async Task A_writer_holding_the_layers_lock_is_waited_for()
    {
        var layout = new OciImageBuilder().Layer(layer => layer.File("usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP"))).WriteLayout(Path.Combine(_tree.Root, "layout"));
        ExternalTool.Run("skopeo", "copy", "--quiet", $"oci:{layout}", $"containers-storage:{Store}localhost/os:1");
        var release = Path.Combine(_tree.Root, "release");

        // A writer as containers/storage takes it: an exclusive fcntl lock on the layers' lock file, until told to let go.
        var writer = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3")
        {
            ArgumentList =
            {
                "-c",
                "import fcntl, os, sys, time\nf = open(sys.argv[1], 'r+')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\nwhile not os.path.exists(sys.argv[2]): time.sleep(0.05)\n",
                Path.Combine(_tree.Root, "storage", "vfs-layers", "layers.lock"),
                release,
            },
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("locked", writer.StandardOutput.ReadLine());

        var inspect = Task.Run(() => CliRun.Of("inspect", $"containers-storage:{Store}localhost/os:1"));
        var first = await Task.WhenAny(inspect, Task.Delay(TimeSpan.FromSeconds(2)));
        await File.WriteAllTextAsync(release, "");
        await writer.WaitForExitAsync();

        Assert.NotSame(inspect, first);
        Assert.Equal(0, (await inspect.WaitAsync(TimeSpan.FromSeconds(60))).ExitCode);
    }

    [Theory]
    [InlineData("{\"images\": []}", "not a JSON array of records")]
    [InlineData("[{\"id\": \"../../etc\", \"names\": [\"localhost/os:1\"]}]", "is not hex")]
    [InlineData("[{\"id\": 5, \"names\": [7]}]", "no image named localhost/os:1")]
    public void A_malformed_images_record_is_one_line(string images, string words)
    {
        _tree.File("storage/vfs-images/images.json", images);

        var run = CliRun.Of("inspect", $"containers-storage:{Store}localhost/os:1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(words, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    private string Buildah(params string[] args) =>
        ExternalTool.Run("buildah", ["--storage-driver", "vfs", "--root", Path.Combine(_tree.Root, "storage"), "--runroot", Path.Combine(_tree.Root, "run"), .. args]);

    /// <summary>Inspects <paramref name="source"/> and <paramref name="reference"/>, asserts both succeed with one report, and returns it.</summary>
    private static string SameReport(string source, string reference)
    {
        var fromSource = CliRun.Of("inspect", source, "--json");
        var fromReference = CliRun.Of("inspect", reference, "--json");

        Assert.True(fromSource.ExitCode == 0, fromSource.Error);
        Assert.Equal(fromReference.Output, fromSource.Output);
        return fromSource.Output;
    }
}
