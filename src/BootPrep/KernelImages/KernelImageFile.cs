using BootPrep.Binary;
using BootPrep.Pe;

namespace BootPrep.KernelImages;

/// <summary>What every format's reader gets besides the header bytes: the file, and what is known of it whatever its format.</summary>
/// <param name="File">The kernel image's bytes.</param>
/// <param name="Sha256">Their sha256.</param>
/// <param name="Signature">The Authenticode signature, when the image is also a PE/EFI executable.</param>
/// <param name="EfiStub">True when the image is also a PE/EFI executable.</param>
public readonly record struct KernelImageFile(FileRange File, string Sha256, PeSignature? Signature, bool EfiStub);
