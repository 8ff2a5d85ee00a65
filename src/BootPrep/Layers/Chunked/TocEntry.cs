using BootPrep.Tar;

namespace BootPrep.Layers.Chunked;

/// <summary>One entry of a zstd:chunked or eStargz table of contents: what the layer's tar holds, and where a file's data is in the blob.</summary>
/// <param name="Type">What the entry is (<c>reg</c> is a regular file and its first chunk); null for a <c>chunk</c>, a further chunk of the regular file before it.</param>
/// <param name="Name">Its path, as the tar names it.</param>
/// <param name="LinkName">A link's target; empty for others.</param>
/// <param name="Size">A regular file's size.</param>
/// <param name="Digest">The digest of a regular file's whole data.</param>
/// <param name="Offset">Where the file's (or chunk's) compressed data starts in the blob.</param>
/// <param name="EndOffset">Where a regular file's compressed data ends in the blob.</param>
/// <param name="ChunkSize">The uncompressed size of this chunk; 0 when the file is one chunk.</param>
/// <param name="ChunkOffset">Where this chunk starts in the file's data.</param>
/// <param name="ChunkDigest">The digest of this chunk's data, when the file is cut into chunks.</param>
/// <param name="InnerOffset">Where the data starts in what the compressed stream at <paramref name="Offset"/> holds, when several entries share one stream (eStargz's minimum chunk size); BootPrep reads such a layer whole.</param>
internal sealed record TocEntry(
    TarEntryType? Type,
    byte[] Name,
    byte[] LinkName,
    long Size,
    string? Digest,
    long Offset,
    long EndOffset,
    long ChunkSize,
    long ChunkOffset,
    string? ChunkDigest,
    long InnerOffset);
