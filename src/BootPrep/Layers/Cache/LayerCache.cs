using System.Collections.Concurrent;
using System.Text;
using BootPrep.Binary;
using BootPrep.Sources;
using BootPrep.Tar;

namespace BootPrep.Layers.Cache;

/// <summary>
/// Summaries of layers read before, so that inspecting an image again reads none of its layers: for each layer, by its
/// blob digest, the entries its verified pass listed and the data that pass kept (small files inline, kernel-sized ones
/// as files named by their sha256). A summary is used only when it names the same blob, size, diff_id and scan policy
/// and its own checksum holds; else the layer is read again and the summary replaced. Only inspect uses the cache:
/// stage and unpack read verified bytes from the layers every time.
/// </summary>
/// <param name="directory">The cache's directory (<see cref="Hosts.HostEnvironment.CacheDirectory"/>), created when first written.</param>
public sealed class LayerCache(string directory)
{
    private const string Magic = "bootprep layer summary 1";
    private const byte NotKept = 0;
    private const byte KeptInline = 1;
    private const byte KeptFile = 2;

    /// <summary>The entries of <paramref name="layer"/> as a summary holds them, or null when there is none to trust.</summary>
    internal LayerEntries? Load(LayerBlob layer, ScanPolicy policy, ConcurrentStack<byte[]> spare)
    {
        if (SummaryPath(layer) is not { } path || ChecksummedFile.OpenRead(path) is not { } body)
        {
            return null;
        }

        var entries = new LayerEntries(spare);
        try
        {
            using var reader = new BinaryReader(body, Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != Identity(layer, policy))
            {
                throw new InvalidDataException("another layer, policy or format");
            }

            byte[] name = [], linkName = [], content = [];
            for (var count = reader.Read7BitEncodedInt64(); count > 0; count--)
            {
                var type = (TarEntryType)reader.ReadByte();
                var size = reader.Read7BitEncodedInt64();
                var dataOffset = reader.Read7BitEncodedInt64();
                var nameBytes = Bytes(reader, ref name);
                var linkBytes = Bytes(reader, ref linkName);
                KeptData? kept = reader.ReadByte() switch
                {
                    NotKept => null,
                    KeptInline => new KeptData.Inline(Bytes(reader, ref content).ToArray()),
                    KeptFile => Stored(reader.ReadString(), size),
                    _ => throw new InvalidDataException("unknown kind of kept data"),
                };
                entries.Add(nameBytes, linkBytes, type, size, dataOffset, kept);
            }

            return body.Position == body.Length ? entries : throw new InvalidDataException("trailing bytes");
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or IOException)
        {
            entries.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Writes the summary of <paramref name="layer"/>, read and verified just now, and tells each file it keeps its
    /// sha256 (<see cref="KeptData.Captured.Sha256"/>); a cache that cannot be written is left as it is.
    /// </summary>
    internal void Save(LayerBlob layer, ScanPolicy policy, LayerEntries entries)
    {
        if (SummaryPath(layer) is not { } path)
        {
            return;
        }

        try
        {
            ChecksummedFile.Write(path, body =>
            {
                using var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true);
                writer.Write(Magic);
                writer.Write(Identity(layer, policy));
                writer.Write7BitEncodedInt64(entries.Count);
                for (var cursor = new LayerCursor(); entries.Read(cursor, out var entry);)
                {
                    writer.Write((byte)entry.Type);
                    writer.Write7BitEncodedInt64(entry.Size);
                    writer.Write7BitEncodedInt64(entry.DataOffset);
                    Write(writer, entry.Name);
                    Write(writer, entry.LinkName);
                    switch (entry.Kept < 0 ? null : entries.Kept(entry.Kept))
                    {
                        case KeptData.Inline inline:
                            writer.Write(KeptInline);
                            Write(writer, inline.Bytes);
                            break;
                        case KeptData.Captured captured:
                            var sha256 = Store(captured);
                            writer.Write(KeptFile);
                            writer.Write(sha256);
                            break;
                        default:
                            writer.Write(NotKept);
                            break;
                    }
                }
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    // What a summary must match: the blob, its size and diff_id, and what the scan kept.
    private static string Identity(LayerBlob layer, ScanPolicy policy) =>
        $"{layer.BlobDigest} {layer.BlobSize} {layer.DiffId} keep:{string.Join(',', policy.KeepSmall)} capture:{string.Join(',', policy.Capture)}";

    private string? SummaryPath(LayerBlob layer) =>
        layer.BlobDigest is { } digest ? Path.Combine(directory, "layers", digest.Algorithm, digest.Hex) : null;

    // A length and that many bytes of the summary, read into a buffer that grows to the longest: a summary of thousands
    // of entries allocates no array for each of them.
    private static ReadOnlySpan<byte> Bytes(BinaryReader reader, ref byte[] buffer)
    {
        var length = reader.Read7BitEncodedInt64();
        if (length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException("a length past the end");
        }

        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        var bytes = buffer.AsSpan(0, (int)length);
        reader.BaseStream.ReadExactly(bytes);
        return bytes;
    }

    private static void Write(BinaryWriter writer, ReadOnlySpan<byte> bytes)
    {
        writer.Write7BitEncodedInt64(bytes.Length);
        writer.Write(bytes);
    }

    // A kept file is used only when it is there with the size its entry states.
    private CachedFile Stored(string sha256, long size)
    {
        var path = Path.Combine(directory, "files", "sha256", sha256);
        return sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower) && new FileInfo(path) is { Exists: true } info && info.Length == size
            ? new CachedFile(path, sha256)
            : throw new InvalidDataException("a kept file is missing or of another size");
    }

    // Copies a kept file into the cache under the sha256 the verified scan hashed as it captured the file (a sealed
    // memory file: the bytes cannot have changed since), unless a file of that name and size is there already.
    private string Store(KeptData.Captured captured)
    {
        var files = Path.Combine(directory, "files", "sha256");
        var target = Path.Combine(files, captured.Sha256);
        using var reader = captured.File.OpenReader();
        if (new FileInfo(target) is { Exists: true } existing && existing.Length == reader.Length)
        {
            return captured.Sha256;
        }

        Directory.CreateDirectory(files);
        var temporary = Path.Combine(files, $".{Guid.NewGuid():N}");
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                reader.CopyTo(output, 1 << 16);
            }

            File.Move(temporary, target, overwrite: true);
            return captured.Sha256;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
