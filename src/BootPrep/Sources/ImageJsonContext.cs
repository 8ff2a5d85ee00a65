using System.Text.Json.Serialization;
using BootPrep.Sources.Docker;
using BootPrep.Sources.Oci;

namespace BootPrep.Sources;

/// <summary>Source-generated readers for the JSON documents inside images.</summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = false, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow, MaxDepth = 32)]
[JsonSerializable(typeof(OciIndex))]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciImageConfig))]
[JsonSerializable(typeof(OciLayoutFile))]
[JsonSerializable(typeof(List<DockerArchiveManifestEntry>))]
internal sealed partial class ImageJsonContext : JsonSerializerContext
{
}
