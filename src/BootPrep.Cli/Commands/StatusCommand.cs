using System.CommandLine;
using BootPrep.Cli.Output;
using BootPrep.Hosts;
using BootPrep.Json;
using BootPrep.Kexec;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep status</c>: whether a kernel is staged, and what decides whether staging can work here.</summary>
internal static class StatusCommand
{
    /// <summary>Creates the command for <paramref name="host"/>.</summary>
    public static Command Create(HostEnvironment host)
    {
        var format = new FormatOptions();
        var command = new Command(
            "status",
            $"Show whether a kernel is loaded for kexec, what bootprep staged and whether it is still the next boot, lockdown, Secure Boot, CAP_SYS_BOOT, kexec_load_disabled and the syscall. {ExitCodes.HelpText}");
        format.AddTo(command);
        command.SetAction(result =>
        {
            format.Write(result, result.InvocationConfiguration.Output, KexecFacts.Status(host), BootPrepJsonContext.Output.KexecFacts, StageOutput.Write);
            return ExitCodes.Success;
        });
        return command;
    }
}
