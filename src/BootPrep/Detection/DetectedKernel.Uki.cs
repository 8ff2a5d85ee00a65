using BootPrep.Files;

namespace BootPrep.Detection;

public abstract partial record DetectedKernel
{
    /// <summary>A Unified Kernel Image in boot/EFI/Linux, which carries its own initrd and command line.</summary>
    /// <param name="Version">The UKI name without .efi.</param>
    /// <param name="Path">The UKI, relative to the image root.</param>
    /// <param name="Size">Its size in bytes, or null when it is not a regular file.</param>
    public sealed record Uki(string Version, ImagePath Path, long? Size) : DetectedKernel(Version, Path, Size);
}
