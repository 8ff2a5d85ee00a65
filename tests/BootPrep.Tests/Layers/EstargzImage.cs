using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BootPrep.Sources;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>
/// <see cref="PartialPullLayout"/>'s image as stargz-snapshotter's writer makes it: fixtures/estargz/convert.sh runs
/// <c>ctr-remote image convert --estargz --oci</c> in a private containerd, with 256 KiB chunks so the initramfs is cut.
/// The conversion (three to four seconds on two cores) is cached in /var/tmp/bootprep-estargz, keyed by the layout and the script.
/// </summary>
public sealed class EstargzImage : IPartialPullImage, IDisposable
{
    private const int FooterSize = 51;
    private const string ChunkSize = "262144";
    private static readonly string s_cache = Path.Combine("/var/tmp", "bootprep-estargz");
    private readonly TestTree _tree = new();

    public EstargzImage()
    {
        Layout = Path.Combine(_tree.Root, "layout");
        Initramfs = PartialPullLayout.Write(Layout);
        var script = Path.Combine(Fixtures.RepositoryRoot, "fixtures", "estargz", "convert.sh");
        Converted = Path.Combine(s_cache, CacheKey(script));
        if (!File.Exists(Path.Combine(Converted, "index.json")))
        {
            var staging = $"{Converted}.{Environment.ProcessId}";
            ExternalTool.Run(script, Layout, "latest", staging, ChunkSize);
            Directory.Move(staging, Converted);
        }

        Layers = [.. Manifest(Converted)["layers"]!.AsArray().Select(layer =>
        {
            var blob = ((string)layer!["digest"]!).Replace(':', '/');
            var size = (long)layer["size"]!;
            var offset = TocOffset(blob, size);
            return new ChunkedLayerBlob(blob, size, offset, size - FooterSize - offset);
        })];
    }

    /// <inheritdoc/>
    public string Layout { get; }

    /// <inheritdoc/>
    public string Converted { get; }

    /// <inheritdoc/>
    public byte[] Initramfs { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ChunkedLayerBlob> Layers { get; }

    /// <inheritdoc/>
    public long DataOffset(ChunkedLayerBlob layer, string path) =>
        (long)Toc(layer)["entries"]!.AsArray().First(entry => (string)entry!["name"]! == path && (string)entry["type"]! == "reg")!["offset"]!;

    /// <summary>
    /// A copy of the image in <paramref name="directory"/> whose kernel layer's descriptor states <paramref name="tocDigest"/>
    /// as its table's digest (the manifest and index rewritten to match, the blobs shared).
    /// </summary>
    public string WithTocDigest(string directory, string tocDigest)
    {
        var manifest = Manifest(Converted);
        manifest["layers"]![1]!["annotations"]![EstargzToc.DigestAnnotation] = tocDigest;
        var bytes = System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        foreach (var blob in Directory.GetFiles(Path.Combine(Converted, "blobs", "sha256")))
        {
            File.CreateSymbolicLink(Path.Combine(directory, "blobs", "sha256", Path.GetFileName(blob)), blob);
        }

        File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", digest), bytes);
        File.Copy(Path.Combine(Converted, "oci-layout"), Path.Combine(directory, "oci-layout"));
        File.WriteAllText(Path.Combine(directory, "index.json"), $$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{{digest}}","size":{{bytes.Length}}}]}""");
        return directory;
    }

    /// <summary>The table of contents of <paramref name="layer"/>, read as stargz-snapshotter's reader does.</summary>
    public JsonNode Toc(ChunkedLayerBlob layer)
    {
        var blob = File.ReadAllBytes(BlobFile(Converted, layer.Blob));
        using var gzip = new GZipStream(new MemoryStream(blob, (int)layer.TocOffset, (int)layer.TocLength), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        return JsonNode.Parse(tar.GetNextEntry()!.DataStream!)!;
    }

    public void Dispose() => _tree.Dispose();

    /// <summary>The script, the chunk size and what the layout's layers hold, less the times, which the builder takes from the clock.</summary>
    private string CacheKey(string script)
    {
        using var key = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        key.AppendData(File.ReadAllBytes(script));
        key.AppendData(System.Text.Encoding.UTF8.GetBytes(ChunkSize));
        foreach (var layer in Manifest(Layout)["layers"]!.AsArray())
        {
            using var tar = new TarReader(new GZipStream(File.OpenRead(BlobFile(Layout, (string)layer!["digest"]!)), CompressionMode.Decompress));
            while (tar.GetNextEntry() is { } entry)
            {
                key.AppendData(System.Text.Encoding.UTF8.GetBytes($"{entry.Name}\0{entry.EntryType}\0{entry.LinkName}\0{entry.Mode}\0{entry.Length}\0"));
                if (entry.DataStream is { } data)
                {
                    key.AppendData(SHA256.HashData(data));
                }
            }
        }

        return Convert.ToHexStringLower(key.GetHashAndReset())[..16];
    }

    private static JsonNode Manifest(string layout)
    {
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        return JsonNode.Parse(File.ReadAllText(BlobFile(layout, (string)index["manifests"]![0]!["digest"]!)))!;
    }

    private long TocOffset(string blob, long size)
    {
        using var stream = File.OpenRead(BlobFile(Converted, blob));
        var footer = new byte[FooterSize];
        stream.Seek(size - FooterSize, SeekOrigin.Begin);
        stream.ReadExactly(footer);
        return Convert.ToInt64(System.Text.Encoding.ASCII.GetString(footer, 16, 16), 16);
    }

    private static string BlobFile(string layout, string digest) => Path.Combine(layout, "blobs", digest.Replace(':', '/'));
}
