using System.Text.Json.Nodes;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>
/// <see cref="PartialPullLayout"/>'s image as skopeo writes it with <c>--dest-compress-format zstd:chunked</c>.
/// </summary>
public sealed class ChunkedImage : IPartialPullImage, IDisposable
{
    private readonly TestTree _tree = new();

    public ChunkedImage()
    {
        Layout = Path.Combine(_tree.Root, "layout");
        Initramfs = PartialPullLayout.Write(Layout);
        Chunked = Path.Combine(_tree.Root, "chunked");
        ExternalTool.Run("skopeo", "copy", "--quiet", "--dest-compress", "--dest-compress-format", "zstd:chunked", $"oci:{Layout}:latest", $"oci:{Chunked}:latest");

        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(Chunked, "index.json")))!;
        var manifest = JsonNode.Parse(File.ReadAllText(BlobFile((string)index["manifests"]![0]!["digest"]!)))!;
        Layers = [.. manifest["layers"]!.AsArray().Select(layer =>
        {
            var position = ((string)layer!["annotations"]!["io.containers.zstd-chunked.manifest-position"]!).Split(':').Select(long.Parse).ToArray();
            return new ChunkedLayerBlob(((string)layer["digest"]!).Replace(':', '/'), (long)layer["size"]!, position[0], position[1]);
        })];
    }

    /// <summary>The image as the builder wrote it (gzip layers).</summary>
    public string Layout { get; }

    /// <summary>The same image with zstd:chunked layers.</summary>
    public string Chunked { get; }

    /// <inheritdoc/>
    public string Converted => Chunked;

    /// <summary>The initramfs's bytes.</summary>
    public byte[] Initramfs { get; }

    /// <summary>The zstd:chunked layers, bottom first.</summary>
    public IReadOnlyList<ChunkedLayerBlob> Layers { get; }

    /// <inheritdoc/>
    public long DataOffset(ChunkedLayerBlob layer, string path)
    {
        var blob = File.ReadAllBytes(Path.Combine(Chunked, "blobs", layer.Blob));
        using var decoder = new ZstdSharp.DecompressionStream(new MemoryStream(blob, (int)layer.TocOffset, (int)layer.TocLength));
        var toc = JsonNode.Parse(decoder)!;
        return (long)toc["entries"]!.AsArray().First(entry => (string)entry!["name"]! == path && (string)entry["type"]! == "reg")!["offset"]!;
    }

    public void Dispose() => _tree.Dispose();

    private string BlobFile(string digest) => Path.Combine(Chunked, "blobs", digest.Replace(':', '/'));
}

/// <summary>A layer with a table of contents: its blob's path under blobs/, its size, and where its compressed table is.</summary>
public sealed record ChunkedLayerBlob(string Blob, long Size, long TocOffset, long TocLength);
