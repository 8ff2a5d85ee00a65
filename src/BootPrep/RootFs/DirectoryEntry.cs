using System.Text;

namespace BootPrep.RootFs;

/// <summary>One name in a directory of an image tree: the name's bytes as stored, and its type without following links.</summary>
public sealed class DirectoryEntry
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates an entry from the raw name bytes.</summary>
    public DirectoryEntry(byte[] rawName, EntryKind kind)
    {
        RawName = rawName;
        Kind = kind;
        Name = TryDecode(rawName);
    }

    /// <summary>The name's bytes, as the filesystem or archive holds them.</summary>
    public byte[] RawName { get; }

    /// <summary>The name, or null when its bytes are not valid UTF-8.</summary>
    public string? Name { get; }

    /// <summary>The entry's own type; a symbolic link is reported as one.</summary>
    public EntryKind Kind { get; }

    /// <summary>The name for messages: invalid UTF-8 bytes appear as \xNN escapes.</summary>
    public string DisplayName => Name ?? Escape(RawName);

    /// <summary>Orders entries by the bytes of their names, as a C or Rust sort does; never culture-aware.</summary>
    public static int CompareByBytes(DirectoryEntry x, DirectoryEntry y) => x.RawName.AsSpan().SequenceCompareTo(y.RawName);

    private static string? TryDecode(byte[] bytes)
    {
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string Escape(byte[] bytes)
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
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return builder.ToString();
    }
}
