namespace BootPrep.Native;

/// <summary>What a descriptor is opened for; Native turns it into open(2) flags (always with O_CLOEXEC).</summary>
public enum OpenMode
{
    /// <summary>O_PATH: a handle that names the file, to stat it or resolve beneath it; no data. Links are followed.</summary>
    Path,

    /// <summary>O_PATH | O_NOFOLLOW: the name itself, a link when it is one.</summary>
    PathNoFollow,

    /// <summary>O_PATH | O_NOFOLLOW | O_DIRECTORY: the name itself, which must be a directory.</summary>
    DirectoryPathNoFollow,

    /// <summary>O_RDONLY | O_DIRECTORY | O_NOFOLLOW: a directory to list, never through a link.</summary>
    ListDirectoryNoFollow,

    /// <summary>O_RDONLY | O_NONBLOCK | O_NOCTTY: a file to read, without blocking on a FIFO or taking a terminal.</summary>
    ReadFile,

    /// <summary><see cref="ReadFile"/> | O_NOFOLLOW.</summary>
    ReadFileNoFollow,
}
