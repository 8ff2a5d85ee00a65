using System.Security.Cryptography;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Images;
using BootPrep.Layers;
using BootPrep.Sources;
using BootPrep.Sources.Oci;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>
/// Layers read through their table of contents, as from a registry that answers range requests: the same report as
/// reading them whole, a few percent of the bytes, and every byte handed out checked against the table. Each format
/// runs these with its own converted image.
/// </summary>
public abstract class PartialPullTests<TImage>(TImage image) : IClassFixture<TImage>
    where TImage : class, IPartialPullImage
{
    /// <summary>The file of the kernel's layer that is cut into chunks.</summary>
    protected const string InitramfsPath = "usr/lib/modules/6.12.0/initramfs.img";

    /// <summary>The image under test.</summary>
    protected TImage Image => image;

    [Fact]
    public void Read_in_parts_it_reports_as_read_whole_and_as_the_gzip_original()
    {
        var files = new RangedFiles(image.Converted);

        using var root = Open(files);

        Assert.Equal(Reports.Of($"oci:{image.Converted}"), Reports.Of(root));
        Assert.Equal(Reports.Of($"oci:{image.Layout}"), Reports.Of(root));
    }

    [Fact]
    public void Inspect_fetches_at_most_five_percent_of_the_compressed_bytes()
    {
        var files = new RangedFiles(image.Converted);
        var compressed = image.Layers.Sum(layer => layer.Size);

        using (var root = Open(files))
        {
            Reports.Of(root);
        }

        Assert.InRange(files.Fetched, 1, compressed / 20);
    }

    [Fact]
    public void A_registry_that_ignores_ranges_has_its_layers_read_whole()
    {
        var files = new RangedFiles(image.Converted, ranges: false);

        using var root = Open(files);

        Assert.Equal(Reports.Of($"oci:{image.Layout}"), Reports.Of(root));
        Assert.True(files.Fetched >= image.Layers.Sum(layer => layer.Size), $"{files.Fetched} bytes fetched");
    }

    [Fact]
    public void A_file_opened_later_is_fetched_and_checked_whole()
    {
        using var root = Open(new RangedFiles(image.Converted));
        using var stream = root.OpenRead(ImagePath.Parse(InitramfsPath));
        using var copy = new MemoryStream();

        stream.CopyTo(copy);

        Assert.Equal(SHA256.HashData(image.Initramfs), SHA256.HashData(copy.ToArray()));
    }

    [Fact]
    public void Merged_views_agree_on_links_whiteouts_and_listings()
    {
        using var parts = Open(new RangedFiles(image.Converted));
        using var whole = Open(new RangedFiles(image.Converted, ranges: false));

        foreach (var directory in new[] { "usr/share/payload", "usr/lib", "etc", "usr/lib/modules/6.12.0" })
        {
            Assert.Equal(whole.ReadDirectory(ImagePath.Parse(directory))!.Select(entry => (entry.Name, entry.Kind)).Order().ToList(), parts.ReadDirectory(ImagePath.Parse(directory))!.Select(entry => (entry.Name, entry.Kind)).Order().ToList());
        }

        Assert.Null(parts.Stat(ImagePath.Parse("usr/share/payload/47.bin")));
        Assert.Equal(whole.Stat(ImagePath.Parse("usr/share/payload/copy.bin")), parts.Stat(ImagePath.Parse("usr/share/payload/copy.bin")));
        Assert.Equal("ID=chunked\nVERSION_ID=1\n", new StreamReader(parts.OpenRead(ImagePath.Parse("usr/lib/os-release"))).ReadToEnd());
    }

    [Fact]
    public void A_chunk_whose_bytes_differ_from_the_table_is_refused_before_it_is_read()
    {
        var kernelLayer = image.Layers[1];
        var start = image.DataOffset(kernelLayer, InitramfsPath);
        using var root = Open(new RangedFiles(image.Converted, flip: (kernelLayer.Blob, start + 200)));
        using var stream = root.OpenRead(ImagePath.Parse(InitramfsPath));

        var error = Assert.Throws<BootPrepException>(() => stream.ReadByte());

        Assert.Contains(error.Kind, new[] { BootPrepErrorKind.DigestMismatch, BootPrepErrorKind.InvalidImage });
        Assert.Contains(InitramfsPath, error.Path, StringComparison.Ordinal);
    }

    private protected static MergedImageRoot Open(IImageFiles files) =>
        MergedImageRoot.Build(new ContainerImage(files, OciLayoutReader.Read(files, null, new Platform("linux", "amd64", null), platformGiven: false)), ImageRoots.BootcFiles);
}
