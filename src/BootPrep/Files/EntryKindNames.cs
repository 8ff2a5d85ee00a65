namespace BootPrep.Files;

/// <summary>How messages name a type of file.</summary>
public static class EntryKindNames
{
    /// <summary>"a regular file", "a directory", "a symbolic link", or "a device, FIFO or socket".</summary>
    public static string Describe(this EntryKind kind) => kind switch
    {
        EntryKind.Regular => "a regular file",
        EntryKind.Directory => "a directory",
        EntryKind.Symlink => "a symbolic link",
        _ => "a device, FIFO or socket",
    };
}
