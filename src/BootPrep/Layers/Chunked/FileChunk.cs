using BootPrep.Sources;

namespace BootPrep.Layers.Chunked;

/// <summary>One chunk of a file in a zstd:chunked or eStargz layer: compressed bytes [Offset, End) of the blob decode to Size bytes at DataOffset of the file (for eStargz, then the tar's padding and next headers).</summary>
/// <param name="Offset">Where the chunk's zstd frame or gzip member starts in the blob.</param>
/// <param name="End">Where it ends.</param>
/// <param name="DataOffset">Where its data starts in the file.</param>
/// <param name="Size">Its data's size.</param>
/// <param name="Digest">What its data hashes to.</param>
internal sealed record FileChunk(long Offset, long End, long DataOffset, long Size, Digest Digest);
