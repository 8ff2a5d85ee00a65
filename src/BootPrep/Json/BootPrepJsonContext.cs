using System.Text.Json.Serialization;
using BootPrep.Inspection;

namespace BootPrep.Json;

/// <summary>Source-generated JSON for everything BootPrep emits: kebab-case names, two-space indent, nulls left out unless a member says otherwise.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InspectReport))]
public sealed partial class BootPrepJsonContext : JsonSerializerContext
{
}
