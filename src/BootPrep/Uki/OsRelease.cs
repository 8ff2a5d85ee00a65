namespace BootPrep.Uki;

/// <summary>Parses os-release(5) text, the format of a UKI's <c>.osrel</c> and <c>.profile</c> sections.</summary>
public static class OsRelease
{
    /// <summary>
    /// The assignments in <paramref name="text"/>, in order (a repeated key keeps its last value). Comments and
    /// lines without a valid <c>KEY=</c> are skipped; one level of single or double quotes is removed, with the
    /// backslash escapes os-release allows inside double quotes.
    /// </summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            var equals = line.IndexOf('=');
            if (line.StartsWith('#') || equals <= 0 || !IsKey(line.AsSpan(0, equals)))
            {
                continue;
            }

            values[line[..equals]] = Unquote(line[(equals + 1)..]);
        }

        return values;
    }

    private static bool IsKey(ReadOnlySpan<char> key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1];
        }

        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var inner = value.AsSpan(1, value.Length - 2);
        var builder = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length && inner[i + 1] is '"' or '\\' or '$' or '`')
            {
                i++;
            }

            builder.Append(inner[i]);
        }

        return builder.ToString();
    }
}
