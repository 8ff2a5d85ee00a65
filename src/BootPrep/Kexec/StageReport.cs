using BootPrep.Deployments;

namespace BootPrep.Kexec;

/// <summary>What <c>bootprep stage</c> did, or with <c>--dry-run</c> would do.</summary>
/// <param name="DryRun">True when the kernel was not called.</param>
/// <param name="Loaded">True when the kernel accepted the load: the next kexec reboot boots it.</param>
/// <param name="Boot">On an ostree host staged without a source: the deployment and entry chosen, and why.</param>
/// <param name="Method">How the kernel was handed over.</param>
/// <param name="Kernel">The kernel image handed to the kernel.</param>
/// <param name="Initrd">The initrd pieces, concatenated in this order (each padded to 4 bytes); empty for none.</param>
/// <param name="InitrdSize">The size of the concatenated initrd.</param>
/// <param name="Cmdline">The command line.</param>
/// <param name="CmdlineSource">Where it came from.</param>
/// <param name="Flags">The kexec_file_load flags, by name.</param>
/// <param name="Syscall">The system call.</param>
/// <param name="SyscallNumber">Its number on this architecture; null where there is none.</param>
/// <param name="Architecture">This system's architecture.</param>
/// <param name="Notes">What the user should know about the path taken, such as a split UKI's signature.</param>
public sealed record StageReport(
    bool DryRun,
    bool Loaded,
    NextBoot? Boot,
    StageMethod Method,
    StagePiece Kernel,
    IReadOnlyList<StagePiece> Initrd,
    long InitrdSize,
    string Cmdline,
    CmdlineSource CmdlineSource,
    IReadOnlyList<string> Flags,
    string Syscall,
    int? SyscallNumber,
    string Architecture,
    IReadOnlyList<string> Notes);
