using BootPrep.Files;

namespace BootPrep.Inspection;

/// <summary>The initramfs.img beside a vmlinuz kernel, as inspect reports it.</summary>
/// <param name="Path">Where it is or would be, relative to the image root.</param>
/// <param name="Exists">Whether it is there.</param>
/// <param name="Size">Its size in bytes, or null when it is not there or not a regular file.</param>
/// <param name="Compression">gzip, zstd, xz, lz4, bzip2, lzma, lzo, none (a plain cpio) or unknown, from its first bytes.</param>
/// <param name="Sha256">The sha256 of its bytes.</param>
public sealed record InitramfsReport(ImagePath Path, bool Exists, long? Size, string? Compression, string? Sha256);
