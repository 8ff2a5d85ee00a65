namespace BootPrep.Kexec;

/// <summary>What the user asks of <c>bootprep stage</c> beyond the image.</summary>
/// <param name="Cmdline">The command line to use instead of the UKI's or the running system's.</param>
/// <param name="ReuseCmdline">Use the running system's command line (/proc/cmdline), even for a UKI.</param>
/// <param name="Append">Text to add to the end of the command line.</param>
/// <param name="InitrdFile">A host file to use as the initrd instead of the image's.</param>
/// <param name="DryRun">Resolve everything and report the plan without calling the kernel.</param>
public sealed record StageOptions(string? Cmdline, bool ReuseCmdline, string? Append, string? InitrdFile, bool DryRun);
