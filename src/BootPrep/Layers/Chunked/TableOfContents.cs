using System.Text.Json;
using BootPrep.Errors;
using BootPrep.Tar;

namespace BootPrep.Layers.Chunked;

/// <summary>
/// Parses the JSON table of contents of a zstd:chunked or eStargz layer (<c>{"version":1,"entries":[…]}</c>,
/// containers/storage pkg/chunked/internal/compression.go, stargz-snapshotter estargz/types.go) into its entries, in the order of the layer's tar; fields BootPrep does not use
/// (modes, owners, times, xattrs) are skipped, and so is a chunk's type: a <c>zeros</c> chunk (a run of zeros) is stored
/// and checked like any other.
/// </summary>
internal static class TableOfContents
{
    /// <summary>The entries of <paramref name="json"/>; <paramref name="what"/> names the layer in errors.</summary>
    public static List<TocEntry> Parse(ReadOnlySpan<byte> json, string what)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            return ReadRoot(ref reader, what);
        }
        catch (JsonException ex)
        {
            throw Invalid(what, JsonErrors.Describe(ex));
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader's typed getters refuse a token of another kind (a string where a number belongs).
            throw Invalid(what, ex.Message);
        }
    }

    private static List<TocEntry> ReadRoot(ref Utf8JsonReader reader, string what)
    {
        Expect(ref reader, JsonTokenType.StartObject, "the table of contents is not a JSON object", what);
        long? version = null;
        List<TocEntry>? entries = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("version"u8))
            {
                Next(ref reader);
                version = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("entries"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray, "entries is not an array", what);
                entries = [];
                while (Next(ref reader) == JsonTokenType.StartObject)
                {
                    entries.Add(ReadEntry(ref reader, what));
                }
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return version != 1 ? throw Invalid(what, $"table of contents version {version?.ToString() ?? "(none)"}; only version 1 is known")
            : entries ?? throw Invalid(what, "the table of contents has no entries");
    }

    private static TocEntry ReadEntry(ref Utf8JsonReader reader, string what)
    {
        TarEntryType? type = null;
        var typed = false;
        byte[] name = [], linkName = [];
        string? digest = null, chunkDigest = null;
        long size = 0, offset = 0, endOffset = 0, chunkSize = 0, chunkOffset = 0, innerOffset = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref reader);
            Next(ref reader);
            switch (field)
            {
                case Field.Type: (type, typed) = (Type(ref reader, what), true); break;
                case Field.Name: name = Bytes(ref reader); break;
                case Field.LinkName: linkName = Bytes(ref reader); break;
                case Field.Size: size = reader.GetInt64(); break;
                case Field.Digest: digest = reader.GetString(); break;
                case Field.Offset: offset = reader.GetInt64(); break;
                case Field.EndOffset: endOffset = reader.GetInt64(); break;
                case Field.ChunkSize: chunkSize = reader.GetInt64(); break;
                case Field.ChunkOffset: chunkOffset = reader.GetInt64(); break;
                case Field.ChunkDigest: chunkDigest = reader.GetString(); break;
                case Field.InnerOffset: innerOffset = reader.GetInt64(); break;
                default: reader.Skip(); break;
            }
        }

        if (!typed || name.Length == 0)
        {
            throw Invalid(what, "an entry of the table of contents has no type or no name");
        }

        if (size < 0 || offset < 0 || endOffset < 0 || chunkSize < 0 || chunkOffset < 0 || innerOffset < 0)
        {
            throw Invalid(what, $"the entry {Utf8Name(name)} has a negative size or offset");
        }

        return new TocEntry(type, name, linkName, size, digest, offset, endOffset, chunkSize, chunkOffset, chunkDigest, innerOffset);
    }

    private static Field FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("type"u8) ? Field.Type
        : reader.ValueTextEquals("name"u8) ? Field.Name
        : reader.ValueTextEquals("linkName"u8) ? Field.LinkName
        : reader.ValueTextEquals("size"u8) ? Field.Size
        : reader.ValueTextEquals("digest"u8) ? Field.Digest
        : reader.ValueTextEquals("offset"u8) ? Field.Offset
        : reader.ValueTextEquals("endOffset"u8) ? Field.EndOffset
        : reader.ValueTextEquals("chunkSize"u8) ? Field.ChunkSize
        : reader.ValueTextEquals("chunkOffset"u8) ? Field.ChunkOffset
        : reader.ValueTextEquals("chunkDigest"u8) ? Field.ChunkDigest
        : reader.ValueTextEquals("innerOffset"u8) ? Field.InnerOffset
        : Field.Other;

    // containers/storage pkg/chunked/internal: TypeReg, TypeChunk, TypeLink, TypeSymlink, TypeChar, TypeBlock, TypeDir, TypeFifo.
    private static TarEntryType? Type(ref Utf8JsonReader reader, string what) => reader.GetString() switch
    {
        "reg" => TarEntryType.Regular,
        "chunk" => null,
        "hardlink" => TarEntryType.HardLink,
        "symlink" => TarEntryType.Symlink,
        "char" => TarEntryType.CharacterDevice,
        "block" => TarEntryType.BlockDevice,
        "dir" => TarEntryType.Directory,
        "fifo" => TarEntryType.Fifo,
        var other => throw Invalid(what, $"an entry of the table of contents has the unknown type '{other}'"),
    };

    private static byte[] Bytes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidOperationException($"expected a string, found {reader.TokenType}");
        }

        var bytes = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
        return bytes[..reader.CopyString(bytes)];
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the table of contents ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string problem, string what)
    {
        if (Next(ref reader) != type)
        {
            throw Invalid(what, problem);
        }
    }

    private static string Utf8Name(byte[] name) => System.Text.Encoding.UTF8.GetString(name);

    private static BootPrepException Invalid(string what, string problem) => new(BootPrepErrorKind.InvalidImage, $"{what} (table of contents)", problem);

    private enum Field
    {
        Other,
        Type,
        Name,
        LinkName,
        Size,
        Digest,
        Offset,
        EndOffset,
        ChunkSize,
        ChunkOffset,
        ChunkDigest,
        InnerOffset,
    }
}
