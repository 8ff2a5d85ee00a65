using BootPrep.Pe;

namespace BootPrep.Uki;

/// <summary>What a Unified Kernel Image holds, as the stub would boot it (the base sections with profile 0's over them).</summary>
/// <param name="Machine">The PE machine: x86_64, aarch64, … or the number in hex.</param>
/// <param name="Sections">Every section in file order.</param>
/// <param name="Cmdline">The <c>.cmdline</c>.</param>
/// <param name="OsRelease">The <c>.osrel</c> parsed into its keys.</param>
/// <param name="Uname">The <c>.uname</c>: the kernel release.</param>
/// <param name="Sbat">The <c>.sbat</c> CSV text.</param>
/// <param name="InitrdSize">The size of the <c>.initrd</c>.</param>
/// <param name="UcodeSize">The size of the <c>.ucode</c>.</param>
/// <param name="Profiles">The profiles of a multi-profile UKI; null for one without <c>.profile</c> sections.</param>
/// <param name="Addons">The addons beside it, in file-name order.</param>
/// <param name="EffectiveCmdline">The command line the kernel gets: the UKI's and then each addon's.</param>
/// <param name="Signature">Its Authenticode signature; null when it could not be read.</param>
public sealed record UkiDescription(
    string Machine,
    IReadOnlyList<UkiSection> Sections,
    string? Cmdline,
    IReadOnlyDictionary<string, string>? OsRelease,
    string? Uname,
    string? Sbat,
    long? InitrdSize,
    long? UcodeSize,
    IReadOnlyList<UkiProfile>? Profiles,
    IReadOnlyList<UkiAddon> Addons,
    string? EffectiveCmdline,
    PeSignature? Signature);
