using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using BootPrep.Errors;
using BootPrep.Native;
using BootPrep.Sources;
using BootPrep.Tar;

namespace BootPrep.Layers;

/// <summary>
/// Reads one layer in a single pass: decompresses it, lists its entries, keeps the data of the files asked for,
/// and checks the blob's digest and size and the tar's diff_id at the end of that same pass. Data is trusted only
/// once that pass has ended without error: nothing is handed out from a pass that has not been verified.
/// </summary>
internal static class LayerScanner
{
    /// <summary>The largest file whose content a scan keeps in memory.</summary>
    public const int MaxKeptContent = 64 * 1024;

    /// <summary>
    /// Scans <paramref name="layer"/> into pages from <paramref name="spare"/>; <paramref name="policy"/> says which
    /// files' data to keep.
    /// </summary>
    public static LayerEntries Scan(IImageFiles files, LayerBlob layer, ScanPolicy policy, ConcurrentStack<byte[]> spare)
    {
        var entries = new LayerEntries(spare);
        var components = new List<Range>();
        var what = Describe(files, layer);
        try
        {
            Read(files, layer, (header, reader) =>
            {
                CleanName(header.Name, components, what);
                var regular = header.Type == TarEntryType.Regular;
                KeptData? kept = regular && header.Size <= MaxKeptContent && policy.KeepsSmall(header.Name, components) ? new KeptData.Inline(ReadSmall(reader, header.Size)) : null;
                kept ??= regular && policy.Captures(header.Name, components) ? Capture(reader, FileName(header.Name, components)) : null;
                entries.Add(header, kept);
            });
            return entries;
        }
        catch
        {
            foreach (var file in entries.Captured)
            {
                file.Dispose();
            }

            entries.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The data of the regular file whose data starts at <paramref name="dataOffset"/> in the layer's tar, from a
    /// second whole pass over the layer that checks its digests before the data is handed out (as a memory file).
    /// </summary>
    public static Stream OpenVerified(IImageFiles files, LayerBlob layer, long dataOffset)
    {
        MemoryFile? found = null;
        try
        {
            Read(files, layer, (header, reader) =>
            {
                if (found is null && header.DataOffset == dataOffset && header.Type == TarEntryType.Regular)
                {
                    found = Capture(reader, LayerPaths.Clean(header.Name) is [.., var last] ? last : []).File;
                }
            });
            return found?.OpenReader()
                ?? throw new BootPrepException(BootPrepErrorKind.InvalidImage, Describe(files, layer), $"no file at offset {dataOffset}; the layer changed since it was read");
        }
        finally
        {
            found?.Dispose();
        }
    }

    /// <summary>
    /// Reads <paramref name="layer"/> once, calling <paramref name="onEntry"/> for each entry (which may read its
    /// data from the reader), then checks the blob's digest and size and the tar's diff_id. The blob is read and
    /// decompressed on a second thread, ahead of the tar.
    /// </summary>
    public static void Read(IImageFiles files, LayerBlob layer, Action<TarHeader, SafeTarReader> onEntry)
    {
        var what = Describe(files, layer);
        using var blob = new VerifyingStream(files.Open(layer.Path), layer.BlobDigest, layer.BlobSize, what);
        using var decompressed = new ReadAheadStream(LayerDecompression.Open(blob, layer.MediaType, what));
        using var tar = new VerifyingStream(decompressed, layer.DiffId, null, $"{what} (uncompressed, diff_id)");
        var reader = new SafeTarReader(tar, what);
        while (reader.Next() is { } header)
        {
            onEntry(header, reader);
        }

        tar.Verify();
        blob.Verify();
    }

    /// <summary>Cleans an entry's path into <paramref name="components"/>; a refusal names the layer, <paramref name="what"/>.</summary>
    public static void CleanName(ReadOnlySpan<byte> name, List<Range> components, string what)
    {
        try
        {
            LayerPaths.Clean(name, components);
        }
        catch (BootPrepException ex)
        {
            throw ex.Within(what);
        }
    }

    private static ReadOnlySpan<byte> FileName(ReadOnlySpan<byte> name, List<Range> components) => components.Count == 0 ? [] : name[components[^1]];

    private static byte[] ReadSmall(SafeTarReader reader, long size)
    {
        var content = new byte[size];
        for (var read = 0; read < content.Length;)
        {
            read += reader.ReadData(content.AsSpan(read));
        }

        return content;
    }

    /// <summary>
    /// Copies the entry's data into a memory file, hashing it on the way: the pass checks the layer's digests, so its
    /// readers are told the sha256 instead of reading the file again to compute it.
    /// </summary>
    private static KeptData.Captured Capture(SafeTarReader reader, ReadOnlySpan<byte> fileName)
    {
        var file = MemoryFile.Create(fileName.IsEmpty ? "layer-file" : Encoding.Latin1.GetString(fileName));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                int read;
                while ((read = reader.ReadData(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    file.Writer.Write(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            file.Seal();
            return new KeptData.Captured(file, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>How a layer is named in messages: the image and the layer's digest.</summary>
    public static string Describe(IImageFiles files, LayerBlob layer) => $"{files.Location}: layer {layer.BlobDigest?.ToString() ?? layer.Path}";
}
