using System.Text;
using System.Text.Json.Nodes;

namespace BootPrep.Sources;

/// <summary>
/// The two files that make a source that is not a layout (a registry, containers/storage) read as one: oci-layout,
/// and an index.json that names the one manifest to read.
/// </summary>
internal static class SynthesizedLayout
{
    /// <summary>The names of the two files.</summary>
    public const string LayoutFile = "oci-layout";

    /// <summary>The index's name.</summary>
    public const string IndexFile = "index.json";

    /// <summary>A fresh oci-layout file.</summary>
    public static Stream OpenLayoutFile() => new MemoryStream("{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray(), writable: false);

    /// <summary>An index.json whose one entry is the manifest (or index) <paramref name="digest"/> of <paramref name="size"/> bytes.</summary>
    public static byte[] Index(string mediaType, string digest, long size) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["schemaVersion"] = 2,
        ["manifests"] = new JsonArray(new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = size }),
    }.ToJsonString());

    /// <summary>The digest a blobs/ALGORITHM/HEX path names, as ALGORITHM:HEX; empty for any other path.</summary>
    public static string DigestOf(string path) => path.Split('/') is ["blobs", var algorithm, var hex] ? $"{algorithm}:{hex}" : "";
}
