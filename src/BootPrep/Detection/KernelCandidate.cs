using BootPrep.Files;

namespace BootPrep.Detection;

/// <summary>A place detection looked at: a UKI in boot/EFI/Linux or a directory in usr/lib/modules.</summary>
/// <param name="Version">The version it would have: the UKI name without .efi, or the module directory name.</param>
/// <param name="Unified">True for a UKI.</param>
/// <param name="Path">The UKI file or the module directory, relative to the image root.</param>
/// <param name="Selected">True for the one kernel detection chose.</param>
/// <param name="Skipped">Why it is not a kernel, or null when it is one.</param>
public sealed record KernelCandidate(string Version, bool Unified, ImagePath Path, bool Selected, SkipReason? Skipped);
