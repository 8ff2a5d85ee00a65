using BootPrep.Files;

namespace BootPrep.Detection;

/// <summary>The initramfs.img that belongs to a vmlinuz kernel.</summary>
/// <param name="Path">Where it is or would be, relative to the image root.</param>
/// <param name="Exists">Whether it is there.</param>
/// <param name="Size">Its size in bytes, or null when it is not there or not a regular file.</param>
public sealed record DetectedInitramfs(ImagePath Path, bool Exists, long? Size);
