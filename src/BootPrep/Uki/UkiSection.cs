namespace BootPrep.Uki;

/// <summary>One section of a UKI as inspect reports it.</summary>
/// <param name="Name">The section name, e.g. <c>.linux</c>.</param>
/// <param name="VirtualSize">Its size in memory.</param>
/// <param name="RawSize">Its size in the file (padded to the file alignment).</param>
/// <param name="FileOffset">Where its data starts in the file.</param>
/// <param name="Size">The bytes the stub uses: <c>min(virtual-size, raw-size)</c>.</param>
/// <param name="Sha256">The sha256 of those bytes; null when they do not lie inside the file.</param>
/// <param name="Profile">The profile it belongs to, or null for the base sections before the first <c>.profile</c>.</param>
public sealed record UkiSection(string Name, uint VirtualSize, uint RawSize, uint FileOffset, long Size, string? Sha256, int? Profile);
