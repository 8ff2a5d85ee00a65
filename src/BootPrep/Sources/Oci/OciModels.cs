using System.Text.Json.Serialization;

namespace BootPrep.Sources.Oci;

/// <summary>An OCI content descriptor (image-spec descriptor.md).</summary>
internal sealed class OciDescriptor
{
    [JsonPropertyName("mediaType")]
    public string? MediaType { get; set; }

    [JsonPropertyName("digest")]
    public string? Digest { get; set; }

    [JsonPropertyName("size")]
    public long Size { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("platform")]
    public OciPlatform? Platform { get; set; }
}

/// <summary>The platform of a manifest in an index.</summary>
internal sealed class OciPlatform
{
    [JsonPropertyName("os")]
    public string? Os { get; set; }

    [JsonPropertyName("architecture")]
    public string? Architecture { get; set; }

    [JsonPropertyName("variant")]
    public string? Variant { get; set; }
}

/// <summary>An image index or manifest list: index.json, or a nested index blob.</summary>
internal sealed class OciIndex
{
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; set; }

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; set; }

    [JsonPropertyName("manifests")]
    public List<OciDescriptor>? Manifests { get; set; }
}

/// <summary>An image manifest (OCI or Docker schema 2).</summary>
internal sealed class OciManifest
{
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; set; }

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; set; }

    [JsonPropertyName("config")]
    public OciDescriptor? Config { get; set; }

    [JsonPropertyName("layers")]
    public List<OciDescriptor>? Layers { get; set; }
}

/// <summary>The parts of an image configuration BootPrep reads.</summary>
internal sealed class OciImageConfig
{
    [JsonPropertyName("architecture")]
    public string? Architecture { get; set; }

    [JsonPropertyName("os")]
    public string? Os { get; set; }

    [JsonPropertyName("variant")]
    public string? Variant { get; set; }

    [JsonPropertyName("rootfs")]
    public OciRootFs? RootFs { get; set; }
}

/// <summary>The config's rootfs: the uncompressed digests of the layers, bottom first.</summary>
internal sealed class OciRootFs
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("diff_ids")]
    public List<string>? DiffIds { get; set; }
}

/// <summary>The oci-layout file at the top of a layout.</summary>
internal sealed class OciLayoutFile
{
    [JsonPropertyName("imageLayoutVersion")]
    public string? ImageLayoutVersion { get; set; }
}
