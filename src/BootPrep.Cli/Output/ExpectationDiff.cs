using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BootPrep.Expectations;

namespace BootPrep.Cli.Output;

/// <summary>Writes the differences from an expectation file in the manner of a unified diff, one hunk per JSON path.</summary>
internal static class ExpectationDiff
{
    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the header naming both sides, then for each difference its path, the old value (-) and the new (+).</summary>
    public static void Write(string expectedName, string actualName, IReadOnlyList<JsonDifference> differences, TextWriter output)
    {
        output.WriteLine($"--- {expectedName}");
        output.WriteLine($"+++ {actualName}");
        foreach (var difference in differences)
        {
            output.WriteLine($"@@ {difference.Path} @@");
            if (difference.InExpected)
            {
                output.WriteLine($"-{Render(difference.Expected)}");
            }

            if (difference.InActual)
            {
                output.WriteLine($"+{Render(difference.Actual)}");
            }
        }
    }

    private static string Render(JsonNode? value) => value?.ToJsonString(s_compact) ?? "null";
}
