using System.Text.Json.Serialization;
using Tomlyn.Serialization;

namespace BootPrep.Kargs;

/// <summary>Source-generated TOML metadata for <see cref="KargsFile"/> (kebab-case keys, as bootc's serde names them).</summary>
[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower)]
[TomlSerializable(typeof(KargsFile))]
internal sealed partial class KargsTomlContext : TomlSerializerContext
{
}
