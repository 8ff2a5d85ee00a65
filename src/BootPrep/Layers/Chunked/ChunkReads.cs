using BootPrep.Errors;

namespace BootPrep.Layers.Chunked;

/// <summary>Reads of an exact length from a range of a blob or its decompressed bytes, where less or more is an error.</summary>
internal static class ChunkReads
{
    /// <summary>Exactly <paramref name="count"/> bytes of <paramref name="stream"/>, which must then end.</summary>
    public static byte[] ReadExactly(Stream stream, int count, string what)
    {
        var bytes = new byte[count];
        var read = stream.ReadAtLeast(bytes, count, throwOnEndOfStream: false);
        if (read < count)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"{read} bytes where {count} were stated");
        }

        EnsureEnded(stream, count, what);
        return bytes;
    }

    /// <summary>Throws when <paramref name="stream"/> holds more than the <paramref name="count"/> bytes already read.</summary>
    public static void EnsureEnded(Stream stream, long count, string what)
    {
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) > 0)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"more than the {count} bytes stated");
        }
    }
}
