using System.Security.Cryptography;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Images;
using BootPrep.RootFs;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>Every byte read from an image layer comes from a pass whose blob digest, size and diff_id were checked.</summary>
public sealed class VerifiedBytesTests : IDisposable
{
    private const string Vmlinuz = "usr/lib/modules/6.1/vmlinuz";

    private readonly TestTree _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void The_kernel_is_kept_from_the_verified_scan_so_a_blob_swapped_afterwards_changes_nothing()
    {
        var (layout, blob) = Image(l => l.File(Vmlinuz, "the verified kernel"));
        using var root = ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);
        Swap(blob, "the verified kernel", "an attacker's kernel");

        Assert.Equal("the verified kernel", Read(root, Vmlinuz));
    }

    [Fact]
    public void A_kept_kernel_tells_its_readers_the_sha256_of_what_the_verified_scan_copied()
    {
        var (layout, _) = Image(l => l.File(Vmlinuz, "the verified kernel"));
        using var root = ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);

        using var stream = root.OpenRead(ImagePath.Parse(Vmlinuz));

        var stated = Assert.IsAssignableFrom<IStatedSha256>(stream);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("the verified kernel"u8)), stated.Sha256);
    }

    [Fact]
    public void A_kernel_read_again_from_its_layer_is_verified_again_before_any_byte_is_used()
    {
        var (layout, blob) = Image(l => l.File("opt/kernel/vmlinuz-6.1", "the verified kernel").Symlink(Vmlinuz, "/opt/kernel/vmlinuz-6.1"));
        using var root = ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);
        Swap(blob, "the verified kernel", "an attacker's kernel");

        var error = Assert.Throws<BootPrepException>(() => Read(root, Vmlinuz));

        Assert.Equal(BootPrepErrorKind.DigestMismatch, error.Kind);
    }

    [Fact]
    public void A_kernel_read_again_from_an_unchanged_layer_is_read_whole()
    {
        var (layout, _) = Image(l => l.File("opt/kernel/vmlinuz-6.1", "the verified kernel").Symlink(Vmlinuz, "/opt/kernel/vmlinuz-6.1"));
        using var root = ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);

        Assert.Equal("the verified kernel", Read(root, Vmlinuz));
    }

    [Fact]
    public void Staging_from_an_image_hands_over_only_verified_bytes()
    {
        var (layout, blob) = Image(l => l.File(Vmlinuz, KernelBytes.BzImage("6.1 (x) #1")).File("usr/lib/modules/6.1/initramfs.img", "initramfs"));
        var before = CliRun.Of("stage", $"oci:{layout}", "--dry-run", "--json", "--cmdline", "quiet");
        Swap(blob, "initramfs", "malicious");

        var after = CliRun.Of("stage", $"oci:{layout}", "--dry-run", "--json", "--cmdline", "quiet");

        Assert.Equal(0, before.ExitCode);
        Assert.Equal(1, after.ExitCode);
        Assert.Contains("sha256", after.Error, StringComparison.OrdinalIgnoreCase);
    }

    private (string Layout, string Blob) Image(Action<TestLayer> layer)
    {
        var layout = new OciImageBuilder().Layer(layer, LayerCompression.None).WriteLayout(Path.Combine(_work.Root, Guid.NewGuid().ToString("N")));
        var blob = Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Single(file => new FileInfo(file).Length >= 1024);
        return (layout, blob);
    }

    /// <summary>Rewrites the same number of bytes inside an uncompressed layer, as an attacker with the layout's files could.</summary>
    private static void Swap(string blob, string from, string to)
    {
        var bytes = File.ReadAllBytes(blob);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0);
        var replacement = System.Text.Encoding.Latin1.GetBytes(to.PadRight(from.Length)[..from.Length]);
        replacement.CopyTo(bytes, at);
        File.WriteAllBytes(blob, bytes);
    }

    private static string Read(IImageRoot root, string path)
    {
        using var stream = root.OpenRead(ImagePath.Parse(path));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
