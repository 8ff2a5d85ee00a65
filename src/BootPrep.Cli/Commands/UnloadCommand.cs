using System.CommandLine;
using BootPrep.Hosts;
using BootPrep.Kexec;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep unload</c>: drop the kernel a stage loaded, so the next reboot is a normal one.</summary>
internal static class UnloadCommand
{
    /// <summary>Creates the command for <paramref name="host"/>.</summary>
    public static Command Create(HostEnvironment host)
    {
        var command = new Command("unload", $"Unload the staged kernel (kexec_file_load with KEXEC_FILE_UNLOAD). {ExitCodes.KexecHelpText}");
        command.SetAction(_ =>
        {
            KexecStager.Unload(host);
            return ExitCodes.Success;
        });
        return command;
    }
}
