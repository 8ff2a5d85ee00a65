using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.KernelImages;
using BootPrep.Uki;

namespace BootPrep.Inspection;

/// <summary>
/// The detected kernel as inspect reports it: bootc's <c>version</c> and <c>unified</c>, where it is, and what its
/// bytes say. A part that cannot be read is left out and named in <see cref="Errors"/>; the kernel is still reported.
/// </summary>
/// <param name="Version">The UKI name without .efi, or the usr/lib/modules directory name.</param>
/// <param name="Unified">True for a Unified Kernel Image.</param>
/// <param name="Path">The UKI or vmlinuz, relative to the image root.</param>
/// <param name="Size">Its size in bytes, or null when it is not a regular file.</param>
/// <param name="Sha256">The sha256 of the file.</param>
/// <param name="Image">The Linux kernel: the vmlinuz, or the UKI's <c>.linux</c> section.</param>
/// <param name="Uki">The UKI's sections, texts, profiles, addons and signature.</param>
/// <param name="Initramfs">The initramfs.img beside a vmlinuz; null for a UKI, which carries its own.</param>
/// <param name="Warnings">What is readable but suspicious, such as a release that disagrees with the directory name.</param>
/// <param name="Errors">What could not be read.</param>
public sealed record KernelReport(
    string Version,
    bool Unified,
    ImagePath Path,
    long? Size,
    string? Sha256,
    KernelImage? Image,
    UkiDescription? Uki,
    InitramfsReport? Initramfs,
    IReadOnlyList<Diagnostic> Warnings,
    IReadOnlyList<Diagnostic> Errors);
