namespace BootPrep.Detection;

/// <summary>The kernel an image boots, as bootc's <c>find_kernel</c> chooses it.</summary>
/// <param name="Version">The UKI name without .efi, or the usr/lib/modules directory name.</param>
/// <param name="Unified">True for a Unified Kernel Image.</param>
/// <param name="Path">The UKI or vmlinuz, relative to the image root.</param>
/// <param name="Size">Its size in bytes, or null when it is not a regular file.</param>
/// <param name="Initramfs">The initramfs.img beside a vmlinuz; null for a UKI, which carries its own.</param>
public sealed record DetectedKernel(string Version, bool Unified, string Path, long? Size, DetectedInitramfs? Initramfs);

/// <summary>The initramfs.img that belongs to a vmlinuz kernel.</summary>
/// <param name="Path">Where it is or would be, relative to the image root.</param>
/// <param name="Exists">Whether it is there.</param>
/// <param name="Size">Its size in bytes, or null when it is not there or not a regular file.</param>
public sealed record DetectedInitramfs(string Path, bool Exists, long? Size);
