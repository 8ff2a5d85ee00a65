using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BootPrep.Errors;
using BootPrep.Native;

namespace BootPrep.Sources.Storage;

/// <summary>
/// An image in containers/storage (podman, buildah) seen as the files of an OCI image layout, read-only: the image
/// record in DRIVER-images/images.json, its config (the big-data file named by the image ID), its layers from
/// DRIVER-layers/layers.json bottom first, each rebuilt as its uncompressed tar from tar-split and the layer's
/// directory (vfs: vfs/dir/ID, overlay: overlay/ID/diff). The layout's manifest lists those tars by their diff
/// digests, so every byte is checked against the digests the storage recorded.
/// </summary>
internal sealed class StorageFiles : IImageFiles, IDisposable
{
    private const int MaxRecordSize = 64 << 20;
    private const int MaxLayers = 1024;

    private readonly StorageReference _reference;
    private readonly string _driver;
    private readonly Dictionary<string, Func<Stream>> _blobs;
    private readonly byte[] _index;
    private readonly List<SharedLock> _locks = [];

    public StorageFiles(StorageReference reference)
    {
        _reference = reference;
        _driver = reference.Driver ?? DriverOf(reference.Root);
        Location = reference.ToString();

        // As containers/storage's readers: the store's, the images' and the layers' locks, shared, held while the image is read.
        foreach (var lockFile in new[] { "storage.lock", $"{_driver}-images/images.lock", $"{_driver}-layers/layers.lock" })
        {
            if (SharedLock.Take(Path.Combine(reference.Root, lockFile)) is { } taken)
            {
                _locks.Add(taken);
            }
        }

        try
        {
            (_blobs, _index) = Layout();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Location { get; }

    public bool IsArchive => false;

    public void Dispose() => _locks.ForEach(held => held.Dispose());

    private (Dictionary<string, Func<Stream>> Blobs, byte[] Index) Layout()
    {
        var blobs = new Dictionary<string, Func<Stream>>(StringComparer.Ordinal);

        var (image, imageId) = FindImage();
        var config = BigData(imageId, $"sha256:{imageId}");
        var layers = LayerChain(Text(image, "layer"));

        var manifestLayers = new JsonArray();
        foreach (var layer in layers)
        {
            var id = layer.Id;
            var digest = Digest.Parse(layer.DiffDigest, $"{Location}: layer {id}");
            manifestLayers.Add((JsonNode)new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar", ["digest"] = digest.ToString(), ["size"] = layer.DiffSize });
            blobs[digest.ToString()] = () => new TarSplitStream(Path.Combine(_reference.Root, $"{_driver}-layers", $"{id}.tar-split.gz"), LayerDirectory(id), $"{Location}: layer {id}");
        }

        var configDigest = $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(config))}";
        blobs[configDigest] = () => new MemoryStream(config, writable: false);
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = configDigest, ["size"] = config.Length },
            ["layers"] = manifestLayers,
        }.ToJsonString());
        var manifestDigest = $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(manifest))}";
        blobs[manifestDigest] = () => new MemoryStream(manifest, writable: false);
        return (blobs, SynthesizedLayout.Index("application/vnd.oci.image.manifest.v1+json", manifestDigest, manifest.Length));
    }

    public bool Exists(string path) => path is SynthesizedLayout.LayoutFile or SynthesizedLayout.IndexFile || _blobs.ContainsKey(SynthesizedLayout.DigestOf(path));

    public Stream Open(string path) => path switch
    {
        SynthesizedLayout.LayoutFile => SynthesizedLayout.OpenLayoutFile(),
        SynthesizedLayout.IndexFile => new MemoryStream(_index, writable: false),
        _ => _blobs.TryGetValue(SynthesizedLayout.DigestOf(path), out var open) ? open() : throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{Location}: {path}", "not a blob of the image"),
    };

    /// <summary>The driver whose records the root holds: overlay, else vfs.</summary>
    private static string DriverOf(string root) =>
        new[] { "overlay", "vfs" }.FirstOrDefault(driver => File.Exists(Path.Combine(root, $"{driver}-images", "images.json")))
        ?? throw new BootPrepException(BootPrepErrorKind.NotFound, root, "holds no overlay-images/images.json or vfs-images/images.json: not a containers/storage root (give containers-storage:[DRIVER@ROOT]IMAGE)");

    /// <summary>The record of the image the reference names, and its ID.</summary>
    private (JsonElement Image, string Id) FindImage()
    {
        var path = Path.Combine(_reference.Root, $"{_driver}-images", "images.json");
        using var images = Record(path);
        var wanted = _reference.Image;
        foreach (var image in Objects(images, path))
        {
            var id = Text(image, "id") ?? "";
            var names = image.TryGetProperty("names", out var namesValue) && namesValue.ValueKind == JsonValueKind.Array
                ? namesValue.EnumerateArray().Where(name => name.ValueKind == JsonValueKind.String).Select(name => name.GetString()!).ToList()
                : [];
            if (id.Length > 0 && (id == wanted || (wanted.Length >= 12 && id.StartsWith(wanted, StringComparison.Ordinal)) || names.Any(name => NameMatches(name, wanted))))
            {
                return IsId(id) ? (image.Clone(), id) : throw new BootPrepException(BootPrepErrorKind.InvalidImage, Location, $"the image's ID \"{id}\" is not hex: it names no files of the storage");
            }
        }

        throw new BootPrepException(BootPrepErrorKind.ImageNotFound, Location, $"no image named {wanted} in {_reference.Root} ({_driver})");
    }

    // podman names images fully ("localhost/os:1", "quay.io/fedora/fedora-bootc:42"); a short name without a tag means :latest.
    private static bool NameMatches(string name, string wanted)
    {
        var withTag = wanted.LastIndexOf(':') > wanted.LastIndexOf('/') || wanted.Contains('@', StringComparison.Ordinal) ? wanted : $"{wanted}:latest";
        return name == withTag || name.EndsWith($"/{withTag}", StringComparison.Ordinal);
    }

    /// <summary>The layers from the bottom to <paramref name="top"/>, following each one's parent.</summary>
    private List<(string Id, string? DiffDigest, long DiffSize)> LayerChain(string? top)
    {
        var path = Path.Combine(_reference.Root, $"{_driver}-layers", "layers.json");
        using var records = Record(path);
        var byId = Objects(records, path)
            .Where(layer => Text(layer, "id") is not null)
            .GroupBy(layer => Text(layer, "id")!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().Clone(), StringComparer.Ordinal);
        var chain = new List<(string, string?, long)>();
        for (var id = top; id is not null; )
        {
            if (chain.Count == MaxLayers || !IsId(id) || !byId.TryGetValue(id, out var layer))
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{Location}: layer {id}", chain.Count == MaxLayers ? $"more than {MaxLayers} layers, or a loop of parents" : IsId(id) ? "not in layers.json" : "not an ID of 64 hex digits");
            }

            chain.Add((id, Text(layer, "diff-digest"), layer.TryGetProperty("diff-size", out var size) && size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var bytes) ? bytes : -1));
            id = Text(layer, "parent");
        }

        chain.Reverse();
        return chain;
    }

    private string LayerDirectory(string id) => _driver == "vfs"
        ? Path.Combine(_reference.Root, "vfs", "dir", id)
        : Path.Combine(_reference.Root, _driver, id, "diff");

    /// <summary>An image's big-data item: a file in DRIVER-images/ID/ named by the key, "=" and its base64 when it is not a plain name.</summary>
    private byte[] BigData(string imageId, string key)
    {
        var directory = Path.Combine(_reference.Root, $"{_driver}-images", imageId);
        var plain = Path.Combine(directory, key);
        var encoded = Path.Combine(directory, "=" + Convert.ToBase64String(Encoding.UTF8.GetBytes(key)));
        var path = key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && File.Exists(plain) ? plain : encoded;
        return HostFiles.ReadAllBytes(path, MaxRecordSize, $"the image's {key}");
    }

    /// <summary>The objects of a record that is an array of them; anything else is not containers/storage's.</summary>
    private static IEnumerable<JsonElement> Objects(JsonDocument record, string path) =>
        record.RootElement.ValueKind == JsonValueKind.Array
            ? record.RootElement.EnumerateArray().Where(element => element.ValueKind == JsonValueKind.Object)
            : throw new BootPrepException(BootPrepErrorKind.InvalidImage, path, "not a JSON array of records");

    // containers/storage names images and layers by 64 hex digits; an ID becomes a path, so nothing else is taken.
    private static bool IsId(string id) => id.Length == 64 && !id.AsSpan().ContainsAnyExcept("0123456789abcdef");

    private static string? Text(JsonElement record, string key) =>
        record.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private JsonDocument Record(string path)
    {
        try
        {
            return JsonDocument.Parse(HostFiles.ReadAllBytes(path, MaxRecordSize, "a containers/storage record"));
        }
        catch (JsonException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, path, JsonErrors.Describe(ex));
        }
    }
}
