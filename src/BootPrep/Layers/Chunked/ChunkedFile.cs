using BootPrep.Errors;
using BootPrep.Sources;

namespace BootPrep.Layers.Chunked;

/// <summary>
/// A regular file of a zstd:chunked or eStargz layer: its size and digest, and its chunks, checked to tile the file's data and to
/// lie in order before the table of contents. A file the writer did not cut is one chunk checked by the file's digest.
/// </summary>
internal sealed class ChunkedFile
{
    private ChunkedFile(string name, long size, Digest digest, IReadOnlyList<FileChunk> chunks)
    {
        Name = name;
        Size = size;
        Digest = digest;
        Chunks = chunks;
    }

    /// <summary>The file's path in the layer, for messages.</summary>
    public string Name { get; }

    /// <summary>The file's size.</summary>
    public long Size { get; }

    /// <summary>What the file's whole data hashes to.</summary>
    public Digest Digest { get; }

    /// <summary>The chunks, in the order of the data.</summary>
    public IReadOnlyList<FileChunk> Chunks { get; }

    /// <summary>The file whose <c>reg</c> entry is <paramref name="entries"/>[<paramref name="index"/>], with the <c>chunk</c> entries after it.</summary>
    public static ChunkedFile From(List<TocEntry> entries, int index, long tocOffset, string what)
    {
        var file = entries[index];
        var name = System.Text.Encoding.UTF8.GetString(file.Name);
        var where = $"{what}: {name}";
        var digest = Sources.Digest.Parse(file.Digest, $"{where} (table of contents)");
        var pieces = new List<TocEntry> { file };
        for (var next = index + 1; next < entries.Count && entries[next].Type is null; next++)
        {
            pieces.Add(entries[next]);
        }

        if (file.Size == 0 || file.Offset >= file.EndOffset || file.EndOffset > tocOffset)
        {
            throw Invalid(where, $"its data lies at bytes {file.Offset}-{file.EndOffset} of the blob, which is not a range before the table of contents at {tocOffset}");
        }

        if (pieces is [{ ChunkDigest: null }])
        {
            return new ChunkedFile(name, file.Size, digest, [new FileChunk(file.Offset, file.EndOffset, 0, file.Size, digest)]);
        }

        var chunks = new List<FileChunk>(pieces.Count);
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var dataOffset = i == 0 ? 0 : piece.ChunkOffset;
            var end = i + 1 < pieces.Count ? pieces[i + 1].Offset : file.EndOffset;
            var expectedOffset = i == 0 ? 0 : chunks[^1].DataOffset + chunks[^1].Size;
            if (piece.ChunkSize <= 0 || dataOffset != expectedOffset || piece.Offset >= end || (i > 0 && piece.Offset < chunks[^1].End))
            {
                throw Invalid(where, $"chunk {i + 1} ({piece.ChunkSize} bytes at {dataOffset}, blob bytes {piece.Offset}-{end}) does not follow the one before");
            }

            chunks.Add(new FileChunk(piece.Offset, end, dataOffset, piece.ChunkSize, Sources.Digest.Parse(piece.ChunkDigest, $"{where} (chunk {i + 1})")));
        }

        if (chunks[^1].DataOffset + chunks[^1].Size != file.Size)
        {
            throw Invalid(where, $"its chunks hold {chunks[^1].DataOffset + chunks[^1].Size} bytes, not its {file.Size}");
        }

        return new ChunkedFile(name, file.Size, digest, chunks);
    }

    private static BootPrepException Invalid(string where, string problem) => new(BootPrepErrorKind.InvalidImage, $"{where} (table of contents)", problem);
}
