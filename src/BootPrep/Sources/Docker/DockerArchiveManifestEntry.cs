using System.Text.Json.Serialization;

namespace BootPrep.Sources.Docker;

/// <summary>One image in a docker save archive's manifest.json.</summary>
internal sealed class DockerArchiveManifestEntry
{
    [JsonPropertyName("Config")]
    public string? Config { get; set; }

    [JsonPropertyName("RepoTags")]
    public List<string>? RepoTags { get; set; }

    [JsonPropertyName("Layers")]
    public List<string>? Layers { get; set; }
}
