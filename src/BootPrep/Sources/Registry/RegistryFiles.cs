using System.Text.Json;
using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Sources.Registry;

/// <summary>
/// An image in a registry seen as the files of an OCI image layout, so that the layout reader chooses the image and
/// the scanner streams its layers: <c>oci-layout</c>, an <c>index.json</c> naming the manifest the reference
/// resolves to, and <c>blobs/sha256/HEX</c>, fetched from the registry as a manifest (for the manifests met on the
/// way, whose digests were checked) or as a blob (streamed; the reader verifies it).
/// </summary>
internal sealed class RegistryFiles : IImageFiles, IDisposable
{
    private readonly RegistryClient _client;
    private readonly Dictionary<string, byte[]> _manifests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _manifestDigests = new(StringComparer.Ordinal);
    private readonly byte[] _index;
    private readonly IProgress<long>? _progress;
    private long _fetched;

    public RegistryFiles(RegistryReference reference, RegistryOptions options, HostEnvironment host)
    {
        Location = reference.ToString();
        _progress = options.Progress;
        _client = new RegistryClient(reference, options, host);
        try
        {
            var (body, mediaType, digest) = Remember(reference.Reference);
            _index = SynthesizedLayout.Index(mediaType, digest.ToString(), body.Length);
        }
        catch
        {
            _client.Dispose();
            throw;
        }
    }

    public string Location { get; }

    public bool IsArchive => false;

    public bool Exists(string path) => path is SynthesizedLayout.LayoutFile or SynthesizedLayout.IndexFile || path.StartsWith("blobs/", StringComparison.Ordinal);

    public Stream Open(string path)
    {
        if (path == SynthesizedLayout.LayoutFile)
        {
            return SynthesizedLayout.OpenLayoutFile();
        }

        if (path == SynthesizedLayout.IndexFile)
        {
            return new MemoryStream(_index, writable: false);
        }

        var digest = SynthesizedLayout.DigestOf(path) is { Length: > 0 } named ? Digest.Parse(named, Location) : throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{Location}: {path}", "not a blob");
        var key = digest.ToString();
        lock (_manifests)
        {
            if (_manifests.TryGetValue(key, out var cached))
            {
                return new MemoryStream(cached, writable: false);
            }

            if (_manifestDigests.Contains(key))
            {
                return new MemoryStream(Remember(key).Body, writable: false);
            }
        }

        return Counted(_client.Blob(digest));
    }

    public Stream? OpenRange(string path, long offset, long length) =>
        SynthesizedLayout.DigestOf(path) is { Length: > 0 } named && _client.BlobRange(Digest.Parse(named, Location), offset, length) is { } range ? Counted(range) : null;

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Fetches a manifest, keeps it, and notes the manifests an index lists, which are fetched as manifests too; its
    /// media type is the response's, else the manifest's own mediaType field.
    /// </summary>
    private (byte[] Body, string MediaType, Digest Digest) Remember(string reference)
    {
        var manifest = _client.Manifest(reference);
        _manifests[manifest.Digest.ToString()] = manifest.Body;
        try
        {
            using var document = JsonDocument.Parse(manifest.Body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{Location}: {manifest.Digest}", "the manifest is not a JSON object");
            }

            if (root.TryGetProperty("manifests", out var listed) && listed.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in listed.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.String)
                    {
                        _manifestDigests.Add(digest.GetString()!);
                    }
                }
            }

            var mediaType = RegistryClient.ManifestTypes.Contains(manifest.MediaType, StringComparer.Ordinal) ? manifest.MediaType
                : root.TryGetProperty("mediaType", out var declared) && declared.ValueKind == JsonValueKind.String ? declared.GetString()!
                : RegistryClient.ManifestTypes[1];
            return manifest with { MediaType = mediaType };
        }
        catch (JsonException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{Location}: {manifest.Digest}", JsonErrors.Describe(ex));
        }
    }

    private Stream Counted(Stream blob) => _progress is null ? blob : new CountingStream(blob, this);

    private void Fetched(int bytes) => _progress!.Report(Interlocked.Add(ref _fetched, bytes));

    /// <summary>A blob's body that tells the progress what it has read.</summary>
    private sealed class CountingStream(Stream inner, RegistryFiles files) : Binary.ReadOnlyStream
    {
        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            files.Fetched(read);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
