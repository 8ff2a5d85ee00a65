namespace BootPrep.Tar;

/// <summary>One tar entry's metadata, after GNU long names and PAX records are applied.</summary>
/// <param name="Name">The entry's path, as the bytes the archive holds.</param>
/// <param name="LinkName">The target of a link entry, as bytes; empty for others.</param>
/// <param name="Type">What the entry is.</param>
/// <param name="Size">The number of data bytes that follow (0 for anything but a regular file).</param>
/// <param name="Mode">The permission bits.</param>
/// <param name="Uid">The owner.</param>
/// <param name="Gid">The group.</param>
/// <param name="ModificationTime">Seconds since the epoch.</param>
/// <param name="DeviceMajor">For device nodes.</param>
/// <param name="DeviceMinor">For device nodes.</param>
/// <param name="DataOffset">Where the data starts in the uncompressed tar stream.</param>
public sealed record TarHeader(
    byte[] Name,
    byte[] LinkName,
    TarEntryType Type,
    long Size,
    int Mode,
    long Uid,
    long Gid,
    long ModificationTime,
    int DeviceMajor,
    int DeviceMinor,
    long DataOffset);
