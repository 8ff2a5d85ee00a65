using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BootPrep.Tests.Support;

/// <summary>How a test layer's blob is compressed.</summary>
public enum LayerCompression
{
    Gzip,
    Zstd,
    None,
}

/// <summary>One layer's tar, written entry by entry with the BCL's <see cref="TarWriter"/> (PAX format).</summary>
internal sealed class TestLayer
{
    private readonly MemoryStream _tar = new();
    private readonly TarWriter _writer;

    public TestLayer()
    {
        _writer = new TarWriter(_tar, TarEntryFormat.Pax, leaveOpen: true);
    }

    public TestLayer Dir(string path) => Add(new PaxTarEntry(TarEntryType.Directory, path) { Mode = (UnixFileMode)0x1ed });

    public TestLayer File(string path, string content = "content\n")
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, path) { Mode = (UnixFileMode)0x1a4, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
        return Add(entry);
    }

    public TestLayer File(string path, byte[] content) =>
        Add(new PaxTarEntry(TarEntryType.RegularFile, path) { Mode = (UnixFileMode)0x1a4, DataStream = new MemoryStream(content) });

    public TestLayer Symlink(string path, string target) => Add(new PaxTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target });

    public TestLayer HardLink(string path, string target) => Add(new PaxTarEntry(TarEntryType.HardLink, path) { LinkName = target });

    public TestLayer Device(string path) => Add(new PaxTarEntry(TarEntryType.CharacterDevice, path) { DeviceMajor = 1, DeviceMinor = 3, Mode = (UnixFileMode)0x1b6 });

    public TestLayer Fifo(string path) => Add(new PaxTarEntry(TarEntryType.Fifo, path) { Mode = (UnixFileMode)0x1a4 });

    public TestLayer File(string path, string content, int mode) =>
        Add(new PaxTarEntry(TarEntryType.RegularFile, path) { Mode = (UnixFileMode)mode, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });

    public TestLayer Dir(string path, int mode) => Add(new PaxTarEntry(TarEntryType.Directory, path) { Mode = (UnixFileMode)mode });

    /// <summary>Hides <paramref name="path"/> of lower layers (a <c>.wh.</c> file beside it).</summary>
    public TestLayer Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        return File(slash < 0 ? $".wh.{path}" : $"{path[..slash]}/.wh.{path[(slash + 1)..]}", "");
    }

    /// <summary>Hides everything lower layers hold in <paramref name="directory"/>.</summary>
    public TestLayer Opaque(string directory) => File($"{directory}/.wh..wh..opq", "");

    /// <summary>The finished tar.</summary>
    public byte[] Tar()
    {
        _writer.Dispose();
        return _tar.ToArray();
    }

    private TestLayer Add(TarEntry entry)
    {
        _writer.WriteEntry(entry);
        return this;
    }
}

/// <summary>Writes real OCI image layouts for tests: blobs named by their sha256, config with diff_ids, manifests, index.json.</summary>
internal sealed class OciImageBuilder
{

    private readonly List<(byte[] Tar, LayerCompression Compression, string? MediaType)> _layers = [];

    public OciImageBuilder Layer(Action<TestLayer> build, LayerCompression compression = LayerCompression.Gzip)
    {
        var layer = new TestLayer();
        build(layer);
        _layers.Add((layer.Tar(), compression, null));
        return this;
    }

    /// <summary>Adds a layer from raw tar bytes, for archives no well-behaved writer produces.</summary>
    public OciImageBuilder RawLayer(byte[] tar, LayerCompression compression = LayerCompression.None, string? mediaType = null)
    {
        _layers.Add((tar, compression, mediaType));
        return this;
    }

    /// <summary>Writes a layout in <paramref name="directory"/> holding this image as <paramref name="refName"/>.</summary>
    public string WriteLayout(string directory, string refName = "latest", string architecture = "amd64") =>
        new LayoutWriter(directory).AddManifest(this, architecture, refName, platform: false);

    /// <summary>The layers as (blob, media type, diff_id) after compression.</summary>
    internal IEnumerable<(byte[] Blob, string MediaType, string DiffId)> Blobs() => _layers.Select(layer => (
        Compress(layer.Tar, layer.Compression),
        layer.MediaType ?? layer.Compression switch
        {
            LayerCompression.Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
            LayerCompression.Zstd => "application/vnd.oci.image.layer.v1.tar+zstd",
            _ => "application/vnd.oci.image.layer.v1.tar",
        },
        Sha256(layer.Tar)));

    internal static string Sha256(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    private static byte[] Compress(byte[] tar, LayerCompression compression)
    {
        var output = new MemoryStream();
        using (Stream compressor = compression switch
        {
            LayerCompression.Gzip => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            LayerCompression.Zstd => new ZstdSharp.CompressionStream(output, 3, leaveOpen: true),
            _ => new MemoryStream(),
        })
        {
            if (compression == LayerCompression.None)
            {
                return tar;
            }

            compressor.Write(tar);
        }

        return output.ToArray();
    }
}

/// <summary>Writes blobs and index.json of one layout; several images (or platforms) may share it.</summary>
internal sealed class LayoutWriter
{
    private readonly string _directory;
    private readonly JsonArray _top = [];

    public LayoutWriter(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        System.IO.File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    /// <summary>Adds an image manifest to index.json (named <paramref name="refName"/> when given); returns the layout directory.</summary>
    public string AddManifest(OciImageBuilder image, string architecture, string? refName, bool platform)
    {
        _top.Add(ManifestDescriptor(image, architecture, refName, platform));
        return Save();
    }

    /// <summary>
    /// Adds a nested index holding one manifest per architecture, plus (with <paramref name="attestation"/>) an attestation
    /// manifest that names no real config, named <paramref name="refName"/>.
    /// </summary>
    public string AddIndex(IEnumerable<(OciImageBuilder Image, string Architecture)> images, string refName, bool attestation = true)
    {
        var manifests = new JsonArray();
        foreach (var (image, architecture) in images)
        {
            manifests.Add(ManifestDescriptor(image, architecture, null, platform: true));
        }

        if (attestation)
        {
            var empty = Blob(Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{},\"layers\":[]}"));
            manifests.Add(Descriptor("application/vnd.oci.image.manifest.v1+json", empty, new JsonObject
            {
                ["vnd.docker.reference.type"] = "attestation-manifest",
            }, new JsonObject { ["os"] = "unknown", ["architecture"] = "unknown" }));
        }

        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = manifests };
        var blob = Blob(Encoding.UTF8.GetBytes(index.ToJsonString()));
        _top.Add(Descriptor("application/vnd.oci.image.index.v1+json", blob, new JsonObject { ["org.opencontainers.image.ref.name"] = refName }, null));
        return Save();
    }

    private JsonObject ManifestDescriptor(OciImageBuilder image, string architecture, string? refName, bool platform)
    {
        var layers = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var (blob, mediaType, diffId) in image.Blobs())
        {
            layers.Add(Descriptor(mediaType, Blob(blob), null, null));
            diffIds.Add(diffId);
        }

        var config = new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        var configBlob = Blob(Encoding.UTF8.GetBytes(config.ToJsonString()));
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", configBlob, null, null),
            ["layers"] = layers,
        };
        var manifestBlob = Blob(Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        return Descriptor(
            "application/vnd.oci.image.manifest.v1+json",
            manifestBlob,
            refName is null ? null : new JsonObject { ["org.opencontainers.image.ref.name"] = refName },
            platform ? new JsonObject { ["os"] = "linux", ["architecture"] = architecture } : null);
    }

    private (string Digest, long Size) Blob(byte[] data)
    {
        var digest = OciImageBuilder.Sha256(data);
        System.IO.File.WriteAllBytes(Path.Combine(_directory, "blobs", "sha256", digest["sha256:".Length..]), data);
        return (digest, data.Length);
    }

    private static JsonObject Descriptor(string mediaType, (string Digest, long Size) blob, JsonObject? annotations, JsonObject? platform)
    {
        var descriptor = new JsonObject { ["mediaType"] = mediaType, ["digest"] = blob.Digest, ["size"] = blob.Size };
        if (annotations is not null)
        {
            descriptor["annotations"] = annotations;
        }

        if (platform is not null)
        {
            descriptor["platform"] = platform;
        }

        return descriptor;
    }

    private string Save()
    {
        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = _top.DeepClone() };
        System.IO.File.WriteAllText(Path.Combine(_directory, "index.json"), index.ToJsonString());
        return _directory;
    }
}
