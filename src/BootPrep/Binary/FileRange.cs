using System.Buffers;

namespace BootPrep.Binary;

/// <summary>
/// <paramref name="Length"/> bytes of a file from <paramref name="Offset"/>: a whole file or one section of it.
/// Readers of untrusted formats read fields through it at explicit positions and never past its end.
/// </summary>
public readonly record struct FileRange(RandomAccessSource Source, long Offset, long Length)
{
    /// <summary>The whole of a seekable stream, read by position through <see cref="RandomAccessSource.Of"/>.</summary>
    public static FileRange Of(Stream stream) => Of(RandomAccessSource.Of(stream));

    /// <summary>The whole of <paramref name="source"/>.</summary>
    public static FileRange Of(RandomAccessSource source) => new(source, 0, source.Length);

    /// <summary>True when <paramref name="count"/> bytes at <paramref name="position"/> lie inside the range.</summary>
    public bool Contains(long position, long count) =>
        position >= 0 && count >= 0 && position <= Length && count <= Length - position;

    /// <summary>The part of this range at <paramref name="position"/>; the caller has checked it with <see cref="Contains"/>.</summary>
    public FileRange Slice(long position, long count) => new(Source, Offset + position, count);

    /// <summary>
    /// Fills <paramref name="buffer"/> from <paramref name="position"/> as far as the range goes and returns how many
    /// bytes it read; the rest of the buffer is zeroed.
    /// </summary>
    public int ReadAt(long position, Span<byte> buffer)
    {
        buffer.Clear();
        if (position < 0 || position >= Length)
        {
            return 0;
        }

        var wanted = (int)Math.Min(buffer.Length, Length - position);
        var total = 0;
        for (int read; total < wanted && (read = Source.Read(buffer[total..wanted], Offset + position + total)) > 0;)
        {
            total += read;
        }

        return total;
    }

    /// <summary>The bytes of the range; callers cap <see cref="Length"/> before asking.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        var read = ReadAt(0, bytes);
        return read == bytes.Length ? bytes : bytes[..read];
    }

    /// <summary>The sha256 of the range, as lower-case hex.</summary>
    public string Sha256()
    {
        using var hashing = new HashingStream(Stream.Null);
        CopyTo(hashing);
        return hashing.Sha256();
    }

    /// <summary>Writes the range to <paramref name="destination"/>.</summary>
    public void CopyTo(Stream destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            for (long done = 0; done < Length;)
            {
                var read = ReadAt(done, buffer.AsSpan(0, (int)Math.Min(buffer.Length, Length - done)));
                if (read == 0)
                {
                    break;
                }

                destination.Write(buffer, 0, read);
                done += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
