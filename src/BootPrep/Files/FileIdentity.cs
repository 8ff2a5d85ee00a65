namespace BootPrep.Files;

/// <summary>What stat(2) identifies a file by: its device (major and minor) and inode.</summary>
/// <param name="Device">stx_dev_major in the high 32 bits, stx_dev_minor in the low.</param>
/// <param name="Inode">stx_ino.</param>
public readonly record struct FileIdentity(ulong Device, ulong Inode);
