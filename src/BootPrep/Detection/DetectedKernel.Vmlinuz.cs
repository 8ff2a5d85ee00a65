using BootPrep.Files;

namespace BootPrep.Detection;

public abstract partial record DetectedKernel
{
    /// <summary>A vmlinuz in usr/lib/modules/VERSION, with the initramfs.img beside it.</summary>
    /// <param name="Version">The usr/lib/modules directory name.</param>
    /// <param name="Path">The vmlinuz, relative to the image root.</param>
    /// <param name="Size">Its size in bytes, or null when it is not a regular file.</param>
    /// <param name="Initramfs">Where the initramfs is or would be.</param>
    public sealed record Vmlinuz(string Version, ImagePath Path, long? Size, DetectedInitramfs Initramfs) : DetectedKernel(Version, Path, Size);
}
