using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Pe;

namespace BootPrep.Uki;

/// <summary>A UKI addon (<c>&lt;uki&gt;.efi.extra.d/*.addon.efi</c>) and what it adds to the boot.</summary>
/// <param name="Path">Where it is, relative to the image root.</param>
/// <param name="Cmdline">Its <c>.cmdline</c>, appended to the UKI's.</param>
/// <param name="InitrdSize">The size of its <c>.initrd</c>, if it has one.</param>
/// <param name="UcodeSize">The size of its <c>.ucode</c>, if it has one.</param>
/// <param name="DtbSize">The size of its <c>.dtb</c>, if it has one.</param>
/// <param name="Signature">Its Authenticode signature; null when it could not be read.</param>
/// <param name="Errors">What could not be read.</param>
public sealed record UkiAddon(
    ImagePath Path,
    string? Cmdline,
    long? InitrdSize,
    long? UcodeSize,
    long? DtbSize,
    PeSignature? Signature,
    IReadOnlyList<Diagnostic> Errors);
