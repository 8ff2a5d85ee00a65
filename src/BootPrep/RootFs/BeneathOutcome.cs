namespace BootPrep.RootFs;

/// <summary>Where a path leads when it is opened as cap-std opens it for bootc: beneath a directory, never out of it.</summary>
public enum BeneathOutcome
{
    /// <summary>It leads to a file or directory.</summary>
    Found,

    /// <summary>A component is missing, or a link is dangling (ENOENT).</summary>
    Missing,

    /// <summary>A component other than the last is not a directory (ENOTDIR).</summary>
    NotADirectory,

    /// <summary>An absolute link, or a ".." above the directory (EXDEV under RESOLVE_BENEATH).</summary>
    Escapes,

    /// <summary>More than 40 links (ELOOP).</summary>
    Loop,
}
