namespace BootPrep.Files;

/// <summary>The type of a file in an image tree, as lstat(2) reports it.</summary>
public enum EntryKind
{
    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (not followed).</summary>
    Symlink,

    /// <summary>A device node, FIFO or socket.</summary>
    Other,
}
