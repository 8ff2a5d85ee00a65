using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BootPrep.Inspection;
using BootPrep.Kexec;

namespace BootPrep.Json;

/// <summary>Source-generated JSON for everything BootPrep emits: kebab-case names, two-space indent, nulls left out unless a member says otherwise.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InspectReport))]
[JsonSerializable(typeof(StageReport))]
[JsonSerializable(typeof(KexecFacts))]
public sealed partial class BootPrepJsonContext : JsonSerializerContext
{
    // Built on first use: static initializers of the generated half of this class may run after this half's.
    private static BootPrepJsonContext? s_output;

    /// <summary>
    /// The context to write with: like <see cref="Default"/>, but leaving quotes, apostrophes and non-ASCII text
    /// unescaped, since the output is read by people and jq, never embedded in HTML.
    /// </summary>
    public static BootPrepJsonContext Output => s_output ??= Relaxed();

    private static BootPrepJsonContext Relaxed()
    {
        var options = new JsonSerializerOptions(Default.Options);
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return new BootPrepJsonContext(options);
    }
}
