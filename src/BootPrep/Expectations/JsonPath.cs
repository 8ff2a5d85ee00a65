using System.Text;

namespace BootPrep.Expectations;

/// <summary>Paths into a JSON document as segments: property names, and array items as <c>[N]</c>.</summary>
public static class JsonPath
{
    /// <summary>The path as people read it: <c>kernel.uki.sections[3].name</c>; the root is <c>$</c>.</summary>
    public static string Format(IReadOnlyList<string> segments)
    {
        if (segments.Count == 0)
        {
            return "$";
        }

        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (text.Length > 0 && !IsIndex(segment))
            {
                text.Append('.');
            }

            text.Append(segment);
        }

        return text.ToString();
    }

    /// <summary>True for an array item segment, <c>[N]</c> or <c>[*]</c>.</summary>
    public static bool IsIndex(string segment) => segment.StartsWith('[') && segment.EndsWith(']');

    /// <summary>Splits <c>a.b[2].c</c> into <c>a</c>, <c>b</c>, <c>[2]</c>, <c>c</c>; null when it is malformed.</summary>
    public static List<string>? Split(string text)
    {
        var segments = new List<string>();
        foreach (var part in text.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0)
            {
                segments.Add(name);
            }
            else if (bracket != 0 || segments.Count == 0)
            {
                return null;
            }

            for (var rest = bracket < 0 ? "" : part[bracket..]; rest.Length > 0;)
            {
                var close = rest.IndexOf(']');
                var index = close < 0 ? "" : rest[1..close];
                if (!rest.StartsWith('[') || !(index == "*" || (index.Length > 0 && index.All(char.IsAsciiDigit))))
                {
                    return null;
                }

                segments.Add($"[{index}]");
                rest = rest[(close + 1)..];
            }
        }

        return segments;
    }
}
