namespace BootPrep.Layers.Chunked;

/// <summary>How a chunk of a layer read through its table of contents is compressed, and what follows its data.</summary>
internal enum ChunkCompression
{
    /// <summary>zstd:chunked: one zstd frame holding exactly the chunk's data.</summary>
    Zstd,

    /// <summary>eStargz: a gzip member starting with the chunk's data, followed by the tar's padding and next headers.</summary>
    Gzip,
}
