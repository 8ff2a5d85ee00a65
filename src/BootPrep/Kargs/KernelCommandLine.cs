using System.Text;

namespace BootPrep.Kargs;

/// <summary>
/// A kernel command line with the semantics of bootc's linux-kernel-cmdline 0.1 crate (<c>Cmdline</c>): text split on
/// ASCII whitespace outside double quotes, and <see cref="Add"/> appending a parameter only when no equal one is
/// already there. The text is kept as bootc keeps it, so that joining and splitting again give bootc's answer.
/// </summary>
public sealed class KernelCommandLine
{
    private readonly StringBuilder _text;

    // The text split, and each parameter's identity (SameAs as a string), kept in step with the text so that adding
    // n parameters costs O(n), not O(n^2) splits: kargs.d files can hold thousands.
    private readonly List<string> _parameters = [];
    private readonly HashSet<string> _identities = new(StringComparer.Ordinal);
    private bool _endsInQuotes;

    /// <summary>Creates a command line holding <paramref name="text"/> as it is.</summary>
    public KernelCommandLine(string text = "")
    {
        _text = new StringBuilder(text);
        Resplit();
    }

    /// <summary>The parameters, in order, as written.</summary>
    public IReadOnlyList<string> Parameters => _parameters;

    /// <summary>
    /// Splits <paramref name="text"/> into parameters: leading ASCII whitespace is skipped, and a parameter ends at the
    /// first ASCII whitespace outside double quotes (each <c>"</c> toggles quoting; an unclosed quote runs to the end).
    /// </summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var parameters = new List<string>();
        var rest = text.AsSpan();
        while (true)
        {
            rest = rest.TrimStart(WhitespaceChars);
            if (rest.IsEmpty)
            {
                return parameters;
            }

            var end = EndOfParameter(rest);
            parameters.Add(rest[..end].ToString());
            rest = rest[end..];
        }
    }

    /// <summary>
    /// Appends <paramref name="parameter"/> unless an equal one (<see cref="KernelParameter.SameAs"/>) is already
    /// there; a space goes before it unless the text is empty or already ends in whitespace. True when it was added.
    /// </summary>
    public bool Add(KernelParameter parameter)
    {
        if (_identities.Contains(parameter.Identity))
        {
            return false;
        }

        var separate = _text.Length == 0 || !IsWhitespace(_text[^1]);
        if (separate && _text.Length > 0)
        {
            _text.Append(' ');
        }

        _text.Append(parameter.Text);
        if (separate && !_endsInQuotes && Split(parameter.Text) is [var whole] && whole == parameter.Text)
        {
            // Appended after a space outside quotes, the parameter splits off as itself.
            _parameters.Add(parameter.Text);
            _identities.Add(parameter.Identity);
            _endsInQuotes = parameter.Text.Count(c => c == '"') % 2 == 1;
        }
        else
        {
            // Glued to an open quote or to trailing white space, as bootc's text would have it: split it all again.
            Resplit();
        }

        return true;
    }

    /// <summary>
    /// Removes every parameter equal to <paramref name="parameter"/> (<see cref="KernelParameter.SameAs"/>), the rest
    /// joined with single spaces, as bootc's <c>Cmdline::remove_exact</c> does. True when one was removed.
    /// </summary>
    public bool RemoveExact(KernelParameter parameter)
    {
        var kept = Parameters.Where(existing => !KernelParameter.Parse(existing).SameAs(parameter)).ToList();
        if (kept.Count == Parameters.Count)
        {
            return false;
        }

        _text.Clear().AppendJoin(' ', kept);
        Resplit();
        return true;
    }

    /// <summary>Adds every parameter of <paramref name="other"/> in order, as bootc's <c>Cmdline::extend</c> does.</summary>
    public void Extend(KernelCommandLine other)
    {
        foreach (var parameter in other.Parameters)
        {
            Add(KernelParameter.Parse(parameter));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();

    // Rust's u8::is_ascii_whitespace: space, tab, line feed, form feed, carriage return (not vertical tab).
    private const string WhitespaceChars = " \t\n\f\r";

    private static bool IsWhitespace(char c) => WhitespaceChars.Contains(c, StringComparison.Ordinal);

    private void Resplit()
    {
        var text = _text.ToString();
        _parameters.Clear();
        _parameters.AddRange(Split(text));
        _identities.Clear();
        _identities.UnionWith(_parameters.Select(existing => KernelParameter.Parse(existing).Identity));
        _endsInQuotes = text.Count(c => c == '"') % 2 == 1;
    }

    private static int EndOfParameter(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }

            if (!quoted && IsWhitespace(text[i]))
            {
                return i;
            }
        }

        return text.Length;
    }
}
