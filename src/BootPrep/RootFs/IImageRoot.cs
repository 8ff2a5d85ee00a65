using BootPrep.Files;
using BootPrep.Architectures;

namespace BootPrep.RootFs;

/// <summary>
/// A read-only image root in which every path resolves as if the root were "/": absolute symbolic links restart
/// at the root, ".." never climbs above it, and nothing outside it is ever read. Paths are <see cref="ImagePath"/>s.
/// </summary>
public interface IImageRoot : IDisposable
{
    /// <summary>The architecture the image's config declares; null for a directory, which has no config, or a config without one.</summary>
    CpuArchitecture? Architecture { get; }

    /// <summary>Follows <paramref name="path"/> inside the root; null when it is not there (missing or dangling).</summary>
    FileStatus? Stat(ImagePath path);

    /// <summary>
    /// Lists the directory at <paramref name="path"/> in no particular order, without "." and "..";
    /// null when it is not there. Throws <see cref="Errors.BootPrepException"/> when it is not a directory.
    /// </summary>
    IReadOnlyList<DirectoryEntry>? ReadDirectory(ImagePath path);

    /// <summary>
    /// Where <paramref name="path"/> leads when opened beneath the directory <paramref name="within"/> leads to (the
    /// root when null) with cap-std's rules, as bootc opens it: unlike every other member, an absolute link or a
    /// ".." above that directory is an escape, not a path inside the root.
    /// </summary>
    BeneathStatus StatBeneath(ImagePath path, ImagePath? within = null);

    /// <summary>Opens the regular file at <paramref name="path"/> for reading; throws when it is not there or not a regular file.</summary>
    Stream OpenRead(ImagePath path);
}
