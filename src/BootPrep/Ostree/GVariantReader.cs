using System.Buffers.Binary;
using System.Text;

namespace BootPrep.Ostree;

/// <summary>
/// Reads the GVariant serialization (GLib's "normal form", little-endian) of the few types ostree writes to its
/// run state: <c>a{sv}</c> dictionaries whose values are <c>s</c>, <c>b</c>, <c>as</c> or another <c>a{sv}</c>.
/// Every offset is checked against the bytes it frames; what does not fit raises <see cref="FormatException"/>.
/// </summary>
/// <remarks>
/// GVariant specification, "Serialisation": a container of variable-size items ends with framing offsets, each
/// as wide as the container's size needs (1 byte up to 255, 2 up to 65535, 4, then 8); a variant is its value,
/// a zero byte and its type string; a dictionary entry <c>{sv}</c> is the key's bytes and NUL, the variant aligned
/// to 8, and one framing offset (the key's end).
/// </remarks>
internal static class GVariantReader
{
    private const int VariantAlignment = 8;

    // ostree nests one dictionary in another; a file nested deeper is not ostree's, and must not exhaust the stack.
    private const int MaxDepth = 8;

    /// <summary>Reads a whole <c>a{sv}</c>; a key given twice keeps its first value, as g_variant_lookup does.</summary>
    public static IReadOnlyDictionary<string, object> ReadDictionary(ReadOnlySpan<byte> data) => Dictionary(data, 0, depth: 0);

    /// <summary>
    /// The metadata of an ostree commit object, <c>(a{sv}aya(say)sstayay)</c>: its first member, whose end is the
    /// struct's last framing offset (a struct's offsets are stored in reverse order).
    /// </summary>
    public static IReadOnlyDictionary<string, object> ReadCommitMetadata(ReadOnlySpan<byte> commit)
    {
        var width = OffsetWidth(commit.Length);
        var end = Offset(commit, commit.Length - width, width);
        return end <= commit.Length - width ? Dictionary(commit[..end], 0, depth: 0) : throw new FormatException("the commit's metadata runs past its end");
    }

    private static Dictionary<string, object> Dictionary(ReadOnlySpan<byte> data, int start, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"dictionaries nested more than {MaxDepth} deep");
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (entryStart, entryEnd) in Elements(data, start, alignment: VariantAlignment))
        {
            var entry = data[entryStart..entryEnd];
            var width = OffsetWidth(entry.Length);
            var keyEnd = Offset(entry, entry.Length - width, width);
            if (keyEnd < 1 || keyEnd > entry.Length - width || entry[keyEnd - 1] != 0)
            {
                throw new FormatException("a dictionary key is not a NUL-terminated string");
            }

            var key = Text(entry[..(keyEnd - 1)]);
            var valueStart = Align(entryStart + keyEnd, VariantAlignment) - entryStart;
            if (valueStart > entry.Length - width)
            {
                throw new FormatException($"the value of '{key}' starts past its entry");
            }

            values.TryAdd(key, Variant(data, entryStart + valueStart, entryStart + entry.Length - width, key, depth));
        }

        return values;
    }

    /// <summary>A variant's value: the bytes before the last zero byte, typed by the text after it.</summary>
    private static object Variant(ReadOnlySpan<byte> data, int start, int end, string key, int depth)
    {
        var variant = data[start..end];
        var separator = variant.LastIndexOf((byte)0);
        if (separator < 0)
        {
            throw new FormatException($"the value of '{key}' has no type");
        }

        var value = data[start..(start + separator)];
        return Encoding.ASCII.GetString(variant[(separator + 1)..]) switch
        {
            "s" => value is [.. var text, 0] ? Text(text) : throw new FormatException($"the string '{key}' is not NUL-terminated"),
            "b" => value is [var flag] ? flag != 0 : throw new FormatException($"the boolean '{key}' is not one byte"),
            "as" => Strings(data[..(start + separator)], start, key),
            "a{sv}" => Dictionary(data[..(start + separator)], start, depth + 1),
            var type => new Unsupported(type),
        };
    }

    private static string[] Strings(ReadOnlySpan<byte> data, int start, string key)
    {
        var strings = new List<string>();
        foreach (var (elementStart, elementEnd) in Elements(data, start, alignment: 1))
        {
            strings.Add(data[elementStart..elementEnd] is [.. var text, 0] ? Text(text) : throw new FormatException($"a string in '{key}' is not NUL-terminated"));
        }

        return [.. strings];
    }

    /// <summary>The [start, end) of each element of an array of variable-size elements spanning data[start..].</summary>
    private static List<(int Start, int End)> Elements(ReadOnlySpan<byte> data, int start, int alignment)
    {
        var array = data[start..];
        var elements = new List<(int, int)>();
        if (array.Length == 0)
        {
            return elements;
        }

        var width = OffsetWidth(array.Length);
        var offsetsStart = Offset(array, array.Length - width, width);
        if (offsetsStart > array.Length - width || (array.Length - offsetsStart) % width != 0)
        {
            throw new FormatException("an array's framing offsets do not fit its size");
        }

        var elementStart = 0;
        for (var position = offsetsStart; position < array.Length; position += width)
        {
            var elementEnd = Offset(array, position, width);
            elementStart = Align(start + elementStart, alignment) - start;
            if (elementEnd < elementStart || elementEnd > offsetsStart)
            {
                throw new FormatException("an array element's end lies outside the array");
            }

            elements.Add((start + elementStart, start + elementEnd));
            elementStart = elementEnd;
        }

        return elements;
    }

    private static int OffsetWidth(int size) => size switch
    {
        <= byte.MaxValue => 1,
        <= ushort.MaxValue => 2,
        _ => 4,
    };

    private static int Offset(ReadOnlySpan<byte> data, int position, int width)
    {
        if (position < 0)
        {
            throw new FormatException("a container is smaller than its framing offset");
        }

        var value = width switch
        {
            1 => data[position],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(data[position..]),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(data[position..]),
        };
        return value <= int.MaxValue ? (int)value : throw new FormatException("a framing offset is out of range");
    }

    private static int Align(int position, int alignment) => (position + alignment - 1) & ~(alignment - 1);

    private static string Text(ReadOnlySpan<byte> bytes) =>
        bytes.Contains((byte)0) ? throw new FormatException("a string holds a NUL byte") : Encoding.UTF8.GetString(bytes);

    /// <summary>The GVariant type string of a value this reader returned.</summary>
    public static string TypeOf(object value) => value switch
    {
        string => "s",
        bool => "b",
        string[] => "as",
        IReadOnlyDictionary<string, object> => "a{sv}",
        Unsupported unsupported => unsupported.Type,
        _ => value.GetType().Name,
    };

    /// <summary>A value of a type this reader does not decode, kept so that a caller can say which type it found.</summary>
    public sealed record Unsupported(string Type);
}
