namespace BootPrep.Expectations;

/// <summary>
/// A pattern over the paths of a JSON document: property names joined by dots, array items as <c>[N]</c> or
/// <c>[*]</c>, <c>*</c> for any one property and <c>**</c> for any run of segments, e.g.
/// <c>kernel.uki.sections[*].sha256</c> or <c>**.sha256</c>.
/// </summary>
public sealed class JsonPathPattern
{
    private const string AnySegment = "*";
    private const string AnyDepth = "**";
    private const string AnyItem = "[*]";

    private readonly string[] _segments;

    private JsonPathPattern(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>How a pattern is written, for error messages.</summary>
    public const string Syntax = "property names joined by dots, [N] or [*] for array items, * for any property, ** for any depth";

    /// <summary>Parses <paramref name="text"/>; null when it is empty or malformed.</summary>
    public static JsonPathPattern? TryParse(string text) =>
        JsonPath.Split(text) is { Count: > 0 } segments ? new JsonPathPattern(text, [.. segments]) : null;

    /// <summary>True when the path made of <paramref name="path"/>'s segments matches.</summary>
    public bool Matches(IReadOnlyList<string> path) => Matches(0, path, 0);

    private bool Matches(int patternIndex, IReadOnlyList<string> path, int pathIndex)
    {
        if (patternIndex == _segments.Length)
        {
            return pathIndex == path.Count;
        }

        var segment = _segments[patternIndex];
        if (segment == AnyDepth)
        {
            for (var skip = pathIndex; skip <= path.Count; skip++)
            {
                if (Matches(patternIndex + 1, path, skip))
                {
                    return true;
                }
            }

            return false;
        }

        return pathIndex < path.Count
            && SegmentMatches(segment, path[pathIndex])
            && Matches(patternIndex + 1, path, pathIndex + 1);
    }

    private static bool SegmentMatches(string pattern, string segment) => pattern switch
    {
        AnySegment => !JsonPath.IsIndex(segment),
        AnyItem => JsonPath.IsIndex(segment),
        _ => pattern == segment,
    };
}
