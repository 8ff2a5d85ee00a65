using System.Text.Json.Nodes;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>
/// A bootable image as skopeo writes it with <c>--dest-compress-format zstd:chunked</c>: a 12 MiB layer of other
/// files, the kernel's layer (a 2 MiB initramfs that is cut into chunks), and a layer of kargs, links and a whiteout.
/// </summary>
public sealed class ChunkedImage : IDisposable
{
    private readonly TestTree _tree = new();

    public ChunkedImage()
    {
        var random = new Random(42);
        byte[] Bytes(int size)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            return bytes;
        }

        Initramfs = [0x1f, 0x8b, .. Bytes(2 << 20)];
        Layout = new OciImageBuilder()
            .Layer(layer =>
            {
                layer.File("etc/os-release", "ID=chunked\nVERSION_ID=1\n");
                for (var i = 0; i < 48; i++)
                {
                    layer.File($"usr/share/payload/{i:D2}.bin", Bytes(256 << 10));
                }
            })
            .Layer(layer => layer
                .File("usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP"))
                .File("usr/lib/modules/6.12.0/initramfs.img", Initramfs))
            .Layer(layer => layer
                .File("usr/lib/bootc/kargs.d/10-console.toml", "kargs = [\"console=ttyS0\"]\n")
                .Symlink("usr/lib/os-release", "../../etc/os-release")
                .HardLink("usr/share/payload/copy.bin", "usr/share/payload/00.bin")
                .Whiteout("usr/share/payload/47.bin"))
            .WriteLayout(Path.Combine(_tree.Root, "layout"));
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

    /// <summary>The initramfs's bytes.</summary>
    public byte[] Initramfs { get; }

    /// <summary>The zstd:chunked layers, bottom first.</summary>
    public IReadOnlyList<ChunkedLayerBlob> Layers { get; }

    public void Dispose() => _tree.Dispose();

    private string BlobFile(string digest) => Path.Combine(Chunked, "blobs", digest.Replace(':', '/'));
}

/// <summary>A zstd:chunked layer: its blob's path under blobs/, its size, and where its compressed table of contents is.</summary>
public sealed record ChunkedLayerBlob(string Blob, long Size, long TocOffset, long TocLength);
