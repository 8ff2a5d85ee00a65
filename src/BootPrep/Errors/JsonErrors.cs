using System.Text.Json;

namespace BootPrep.Errors;

/// <summary>Says where a JSON document went wrong in words, whatever language the runtime's own messages are in.</summary>
public static class JsonErrors
{
    /// <summary>"invalid JSON at line 2, column 1 (at $.manifests[0])": one-based, as editors count.</summary>
    public static string Describe(JsonException error)
    {
        var where = error.LineNumber is { } line
            ? $" at line {line + 1}, column {(error.BytePositionInLine ?? 0) + 1}"
            : "";
        var path = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "" : $" (at {error.Path})";
        return $"invalid JSON{where}{path}: not JSON, or not the shape this document must have";
    }
}
