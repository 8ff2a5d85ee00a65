using System.Text.Json.Nodes;

namespace BootPrep.Expectations;

/// <summary>One place where two JSON documents differ.</summary>
/// <param name="Path">Where, as <see cref="JsonPath.Format"/> writes it.</param>
/// <param name="Expected">The expected value; null when the actual document added it.</param>
/// <param name="Actual">The actual value; null when the actual document lacks it.</param>
/// <param name="InExpected">Whether the expected document has the path (a JSON null is a value).</param>
/// <param name="InActual">Whether the actual document has the path.</param>
public sealed record JsonDifference(string Path, JsonNode? Expected, JsonNode? Actual, bool InExpected, bool InActual);
