using System.Buffers;
using System.Security.Cryptography;

namespace BootPrep.Binary;

/// <summary>
/// The sha256 of a whole file and of ranges inside it (a PE's sections), from one sequential pass: a large UKI is
/// read once, not once whole and again section by section.
/// </summary>
public static class RangeHashes
{
    private const int ChunkSize = 1 << 20;

    /// <summary>
    /// The sha256 of <paramref name="file"/> and of each of <paramref name="ranges"/> (offsets and lengths inside it;
    /// null for a range that does not lie inside the file), as lower-case hex. When a verified source states the
    /// file's digest (<paramref name="whole"/>), it is returned as it is and only the bytes of the ranges are read.
    /// </summary>
    public static (string Whole, IReadOnlyList<string?> Ranges) Compute(FileRange file, IReadOnlyList<(long Offset, long Length)> ranges, string? whole = null)
    {
        using var wholeHash = whole is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var parts = ranges.Select(range => file.Contains(range.Offset, range.Length) ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null).ToArray();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (var position = Next(0); position < file.Length; position = Next(position))
            {
                var read = file.ReadAt(position, buffer.AsSpan(0, (int)Math.Min(ChunkSize, file.Length - position)));
                if (read == 0)
                {
                    break;
                }

                wholeHash?.AppendData(buffer, 0, read);
                for (var i = 0; i < parts.Length; i++)
                {
                    var (offset, length) = ranges[i];
                    var start = Math.Max(offset, position);
                    var end = Math.Min(offset + length, position + read);
                    if (parts[i] is { } part && start < end)
                    {
                        part.AppendData(buffer, (int)(start - position), (int)(end - start));
                    }
                }

                position += read;
            }

            return (whole ?? Hex(wholeHash!), [.. parts.Select(part => part is null ? null : Hex(part))]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            foreach (var part in parts)
            {
                part?.Dispose();
            }
        }

        // The next byte to read from position on: every byte for the whole file's digest, else the next one a range needs.
        long Next(long position)
        {
            if (wholeHash is not null)
            {
                return position;
            }

            var next = file.Length;
            for (var i = 0; i < parts.Length; i++)
            {
                var (offset, length) = ranges[i];
                if (parts[i] is not null && length > 0 && offset + length > position)
                {
                    next = Math.Min(next, Math.Max(offset, position));
                }
            }

            return next;
        }
    }

    private static string Hex(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());
}
