namespace BootPrep.Layers.Chunked;

/// <summary>The <c>type</c> of an entry in a zstd:chunked table of contents (containers/storage pkg/chunked/internal).</summary>
internal enum TocEntryType
{
    /// <summary><c>reg</c>: a regular file, and its first chunk.</summary>
    Regular,

    /// <summary><c>chunk</c>: a further chunk of the regular file before it.</summary>
    Chunk,

    /// <summary><c>hardlink</c>.</summary>
    HardLink,

    /// <summary><c>symlink</c>.</summary>
    Symlink,

    /// <summary><c>char</c>.</summary>
    CharacterDevice,

    /// <summary><c>block</c>.</summary>
    BlockDevice,

    /// <summary><c>dir</c>.</summary>
    Directory,

    /// <summary><c>fifo</c>.</summary>
    Fifo,
}
