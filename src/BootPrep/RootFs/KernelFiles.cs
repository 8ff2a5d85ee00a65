using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Native;

namespace BootPrep.RootFs;

/// <summary>Opens kernel-sized files of an image root for random access, which the PE and kernel readers need.</summary>
internal static class KernelFiles
{
    /// <summary>A kernel, UKI or initramfs larger than this is refused rather than read into memory.</summary>
    public const long MaxInMemorySize = 1L << 30;

    /// <summary>
    /// Opens <paramref name="path"/> seekably: a file of a directory root as it is, a file inside an image's layer
    /// (a stream that cannot seek) copied into a memory file first (memfd: off the managed heap, gone when closed).
    /// </summary>
    public static Stream OpenSeekable(IImageRoot root, ImagePath path) => OpenSeekable(root, path, out _);

    /// <summary>
    /// As <see cref="OpenSeekable(IImageRoot, ImagePath)"/>, and gives the sha256 a verified source states for the file
    /// (<see cref="IStatedSha256"/>; a copy is made by reading the whole file, which checks it), or null when none does.
    /// </summary>
    public static Stream OpenSeekable(IImageRoot root, ImagePath path, out string? sha256)
    {
        var stream = root.OpenRead(path);
        sha256 = (stream as IStatedSha256)?.Sha256;
        if (stream.CanSeek)
        {
            return stream;
        }

        using (stream)
        {
            var size = root.Stat(path)?.Size ?? 0;
            if (size > MaxInMemorySize)
            {
                throw new BootPrepException(BootPrepErrorKind.Unsupported, path.ToString(), $"{size} bytes is larger than the {MaxInMemorySize >> 30} GiB BootPrep reads of a kernel image");
            }

            using var copy = MemoryFile.Create(path.Name);
            stream.CopyTo(copy.Writer);
            return copy.OpenReader();
        }
    }
}
