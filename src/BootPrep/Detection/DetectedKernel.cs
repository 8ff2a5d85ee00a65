namespace BootPrep.Detection;

/// <summary>
/// The kernel an image boots, as bootc's <c>find_kernel</c> chooses it: a <see cref="UkiKernel"/> or a
/// <see cref="VmlinuzKernel"/> (bootc's <c>KernelType::Uki</c> and <c>KernelType::Vmlinuz</c>).
/// </summary>
/// <param name="Version">The UKI name without .efi, or the usr/lib/modules directory name.</param>
/// <param name="Path">The UKI or vmlinuz, relative to the image root.</param>
/// <param name="Size">Its size in bytes, or null when it is not a regular file.</param>
public abstract record DetectedKernel(string Version, string Path, long? Size)
{
    /// <summary>True for a Unified Kernel Image (bootc's <c>unified</c>).</summary>
    public bool Unified => this is UkiKernel;
}

/// <summary>A Unified Kernel Image in boot/EFI/Linux, which carries its own initrd and command line.</summary>
public sealed record UkiKernel(string Version, string Path, long? Size) : DetectedKernel(Version, Path, Size);

/// <summary>A vmlinuz in usr/lib/modules/VERSION, with the initramfs.img beside it.</summary>
/// <param name="Version">The usr/lib/modules directory name.</param>
/// <param name="Path">The vmlinuz, relative to the image root.</param>
/// <param name="Size">Its size in bytes, or null when it is not a regular file.</param>
/// <param name="Initramfs">Where the initramfs is or would be.</param>
public sealed record VmlinuzKernel(string Version, string Path, long? Size, DetectedInitramfs Initramfs) : DetectedKernel(Version, Path, Size);

/// <summary>The initramfs.img that belongs to a vmlinuz kernel.</summary>
/// <param name="Path">Where it is or would be, relative to the image root.</param>
/// <param name="Exists">Whether it is there.</param>
/// <param name="Size">Its size in bytes, or null when it is not there or not a regular file.</param>
public sealed record DetectedInitramfs(string Path, bool Exists, long? Size);
