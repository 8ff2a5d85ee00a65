using BootPrep.Deployments;

namespace BootPrep.Kexec;

/// <summary>Chooses the command line a staged kernel gets.</summary>
internal static class CommandLines
{
    // Arguments a boot loader adds for itself; kexec-tools drops them too when it reuses /proc/cmdline.
    private static readonly string[] s_loaderArguments = ["BOOT_IMAGE=", "initrd="];

    /// <summary>
    /// The command line and where it came from: the option, else the UKI's (with its addons') unless the running
    /// system's is asked for, else the running system's; then <see cref="StageOptions.Append"/>.
    /// </summary>
    public static (string Cmdline, CmdlineSource Source) Resolve(StageOptions options, string? ukiCmdline, bool unified, Func<string> running)
    {
        var (line, source) = options switch
        {
            { Cmdline: { } given } => (given, CmdlineSource.Option),
            { ReuseCmdline: false } when unified => (ukiCmdline ?? "", CmdlineSource.Uki),
            _ => (WithoutLoaderArguments(running()), CmdlineSource.ProcCmdline),
        };
        return (Appended(line, options), source);
    }

    /// <summary>The command line of the next boot's entry, unless the option gives one; then <see cref="StageOptions.Append"/>.</summary>
    public static (string Cmdline, CmdlineSource Source) Resolve(StageOptions options, string entryCmdline, NextBootSource from) =>
        options.Cmdline is { } given
            ? (Appended(given, options), CmdlineSource.Option)
            : (Appended(entryCmdline, options), from == NextBootSource.StagedDeployment ? CmdlineSource.StagedDeployment : CmdlineSource.BootEntry);

    private static string Appended(string line, StageOptions options) =>
        string.Join(' ', new[] { line.Trim(), options.Append?.Trim() }.Where(part => !string.IsNullOrEmpty(part)));

    private static string WithoutLoaderArguments(string cmdline) =>
        string.Join(' ', cmdline.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(argument => !s_loaderArguments.Any(prefix => argument.StartsWith(prefix, StringComparison.Ordinal))));
}
