using BootPrep.Binary;

namespace BootPrep.Files;

/// <summary>One name in a directory of an image tree: the name's bytes as stored, and its type without following links.</summary>
public sealed class DirectoryEntry
{
    /// <summary>Creates an entry from the raw name bytes.</summary>
    public DirectoryEntry(byte[] rawName, EntryKind kind)
    {
        RawName = rawName;
        Kind = kind;
        Name = Utf8Text.TryDecode(rawName);
    }

    /// <summary>The name's bytes, as the filesystem or archive holds them.</summary>
    public byte[] RawName { get; }

    /// <summary>The name, or null when its bytes are not valid UTF-8.</summary>
    public string? Name { get; }

    /// <summary>The entry's own type; a symbolic link is reported as one.</summary>
    public EntryKind Kind { get; }

    /// <summary>The name for messages: invalid UTF-8 bytes appear as \xNN escapes.</summary>
    public string DisplayName => Name ?? Utf8Text.Escape(RawName);

    /// <summary>Orders entries by the bytes of their names, as a C or Rust sort does; never culture-aware.</summary>
    public static int CompareByBytes(DirectoryEntry x, DirectoryEntry y) => x.RawName.AsSpan().SequenceCompareTo(y.RawName);
}
