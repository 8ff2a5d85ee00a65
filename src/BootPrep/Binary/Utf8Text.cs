using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace BootPrep.Binary;

/// <summary>Decodes names and texts read from untrusted bytes: strictly, and with a printable form when they are not UTF-8.</summary>
public static class Utf8Text
{
    /// <summary>The text, or null when <paramref name="bytes"/> are not valid UTF-8.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes) =>
        Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or null when all of them are.</summary>
    public static int? FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        for (var offset = 0; offset < bytes.Length;)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return null;
    }

    /// <summary>The bytes for messages: printable ASCII as is, everything else (and the backslash) as \xNN.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7f && b != (byte)'\\')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return builder.ToString();
    }
}
