namespace BootPrep.Files;

/// <summary>What stat(2) says of a path after following its links inside the image root.</summary>
/// <param name="Kind">The type of the file the path leads to.</param>
/// <param name="Size">Its size in bytes (0 for anything but a regular file).</param>
public readonly record struct FileStatus(EntryKind Kind, long Size);
