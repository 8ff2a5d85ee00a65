using System.CommandLine;
using BootPrep.Cli.Output;
using BootPrep.Json;
using BootPrep.Kexec;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep status</c>: whether a kernel is staged, and what decides whether staging can work here.</summary>
internal static class StatusCommand
{
    /// <summary>The system whose /proc and /sys describe the running kernel.</summary>
    public const string SystemRoot = "/";

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var format = new FormatOptions();
        var command = new Command(
            "status",
            $"Show whether a kernel is loaded for kexec, lockdown, Secure Boot, CAP_SYS_BOOT, kexec_load_disabled and the syscall. {ExitCodes.HelpText}");
        format.AddTo(command);
        command.SetAction(result =>
        {
            format.Write(result, result.InvocationConfiguration.Output, KexecFacts.Read(SystemRoot), BootPrepJsonContext.Output.KexecFacts, StageOutput.Write);
            return ExitCodes.Success;
        });
        return command;
    }
}
