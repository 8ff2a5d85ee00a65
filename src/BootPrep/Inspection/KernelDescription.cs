using BootPrep.Errors;
using BootPrep.KernelImages;
using BootPrep.Uki;

namespace BootPrep.Inspection;

/// <summary>
/// What inspect reads from a kernel file's bytes alone, and so may keep by the file's sha256: the digest, the kernel
/// image, a UKI's description, and what reading them found. What depends on where the file is (a UKI's addons, the
/// release its directory names, bootc's read of it) is added to the report afterwards.
/// </summary>
/// <param name="Sha256">The sha256 of the file.</param>
/// <param name="Image">The Linux kernel: the file itself, or a UKI's <c>.linux</c> section.</param>
/// <param name="Uki">A UKI's sections, texts, profiles and signature, without addons.</param>
/// <param name="Errors">What could not be read of the file (of a UKI: of its own sections).</param>
/// <param name="LinuxErrors">What could not be read of a UKI's <c>.linux</c> section, each naming the section.</param>
/// <param name="Warnings">What the file holds that is suspicious (a UKI's overlapping sections).</param>
internal sealed record KernelDescription(
    string Sha256,
    KernelImage? Image,
    UkiDescription? Uki,
    IReadOnlyList<Diagnostic> Errors,
    IReadOnlyList<Diagnostic> LinuxErrors,
    IReadOnlyList<Diagnostic> Warnings);
