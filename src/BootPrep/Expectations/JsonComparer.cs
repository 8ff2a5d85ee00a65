using System.Text.Json.Nodes;

namespace BootPrep.Expectations;

/// <summary>Compares two JSON documents value by value, leaving out the paths that match any ignored pattern.</summary>
public static class JsonComparer
{
    /// <summary>
    /// What <c>inspect --expect</c> leaves out unless told otherwise: what changes when an image is rebuilt from the
    /// same content (digests, and the sizes and offsets a regenerated initramfs or a new signature shifts).
    /// </summary>
    public static IReadOnlyList<string> DefaultIgnored { get; } =
    [
        "**.sha256",
        "kernel.size",
        "kernel.initramfs.size",
        "kernel.uki.initrd-size",
        "kernel.uki.sections[*].virtual-size",
        "kernel.uki.sections[*].raw-size",
        "kernel.uki.sections[*].file-offset",
        "kernel.uki.sections[*].size",
    ];

    /// <summary>The differences between <paramref name="expected"/> and <paramref name="actual"/>, in document order.</summary>
    public static List<JsonDifference> Compare(JsonNode? expected, JsonNode? actual, IReadOnlyList<JsonPathPattern> ignored)
    {
        var differences = new List<JsonDifference>();
        Compare(expected, actual, true, true, [], ignored, differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, bool inExpected, bool inActual, List<string> path, IReadOnlyList<JsonPathPattern> ignored, List<JsonDifference> differences)
    {
        if (ignored.Any(pattern => pattern.Matches(path)))
        {
            return;
        }

        switch (expected, actual)
        {
            case (JsonObject expectedObject, JsonObject actualObject):
                var names = expectedObject.Select(property => property.Key).Concat(actualObject.Select(property => property.Key).Where(name => !expectedObject.ContainsKey(name)));
                foreach (var name in names)
                {
                    path.Add(name);
                    Compare(expectedObject[name], actualObject[name], expectedObject.ContainsKey(name), actualObject.ContainsKey(name), path, ignored, differences);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case (JsonArray expectedArray, JsonArray actualArray):
                for (var index = 0; index < Math.Max(expectedArray.Count, actualArray.Count); index++)
                {
                    path.Add($"[{index}]");
                    Compare(
                        index < expectedArray.Count ? expectedArray[index] : null,
                        index < actualArray.Count ? actualArray[index] : null,
                        index < expectedArray.Count,
                        index < actualArray.Count,
                        path,
                        ignored,
                        differences);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            default:
                if (inExpected != inActual || !JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add(new JsonDifference(JsonPath.Format(path), expected, actual, inExpected, inActual));
                }

                break;
        }
    }
}
