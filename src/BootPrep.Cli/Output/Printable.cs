using System.Globalization;
using System.Text;

namespace BootPrep.Cli.Output;

/// <summary>
/// Makes text from an image safe for a terminal: control characters (C0, DEL, C1, which can move the cursor, clear
/// the screen or forge a line) are written as <c>\xNN</c> or <c>\u{NNNN}</c>. JSON output never needs it.
/// </summary>
internal static class Printable
{
    /// <summary><paramref name="text"/> with every control character escaped.</summary>
    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\x1f') && !text.AsSpan().ContainsAnyInRange('\x7f', '\x9f'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append(c < 0x100 ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}") : string.Create(CultureInfo.InvariantCulture, $"\\u{{{(int)c:x4}}}"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A writer that escapes what it is given line by line; only its own line ends pass through.</summary>
    public static TextWriter Wrap(TextWriter inner) => new EscapingWriter(inner);

    private sealed class EscapingWriter(TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(char.IsControl(value) ? Escape(value.ToString()) : value.ToString());

        public override void Write(string? value) => inner.Write(value is null ? null : Escape(value));

        public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Escape(value));

        public override void WriteLine() => inner.WriteLine();

        public override void Flush() => inner.Flush();
    }
}
