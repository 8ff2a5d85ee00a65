namespace BootPrep.Tar;

/// <summary>The kinds of tar entry a layer may hold (POSIX ustar typeflag values, '7' read as regular).</summary>
public enum TarEntryType
{
    /// <summary>'0', '\0' or '7': a regular file.</summary>
    Regular,

    /// <summary>'1': a hard link to an earlier entry.</summary>
    HardLink,

    /// <summary>'2': a symbolic link.</summary>
    Symlink,

    /// <summary>'3': a character device.</summary>
    CharacterDevice,

    /// <summary>'4': a block device.</summary>
    BlockDevice,

    /// <summary>'5': a directory.</summary>
    Directory,

    /// <summary>'6': a FIFO.</summary>
    Fifo,
}
