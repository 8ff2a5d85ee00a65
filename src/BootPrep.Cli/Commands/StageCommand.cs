using System.CommandLine;
using BootPrep.Images;
using BootPrep.Cli.Output;
using BootPrep.Detection;
using BootPrep.Errors;
using BootPrep.Hosts;
using BootPrep.Json;
using BootPrep.Kexec;
using BootPrep.Native;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep stage &lt;source&gt;</c>: load the image's kernel with kexec_file_load for the next (kexec) reboot.</summary>
internal static class StageCommand
{
    /// <summary>Creates the command for <paramref name="host"/>.</summary>
    public static Command Create(HostEnvironment host)
    {
        var source = SourceArgument.Create("source", alsoRoot: true);
        var platform = PlatformOption.Create();
        var format = new FormatOptions();
        var cmdline = new Option<string>("--cmdline") { Description = "Boot the kernel with this command line instead of the UKI's or the running system's.", HelpName = "TEXT" };
        var reuse = new Option<bool>("--reuse-cmdline") { Description = "Use the running system's command line (/proc/cmdline), also for a UKI." };
        var append = new Option<string>("--append") { Description = "Add this text to the end of the command line.", HelpName = "TEXT" };
        var initrd = new Option<string>("--initrd") { Description = "Use this file (a path on the host) as the initrd instead of the image's.", HelpName = "FILE" }.Checked("--initrd");
        var dryRun = new Option<bool>("--dry-run") { Description = "Resolve everything and print the plan, without calling the kernel." };
        var exec = new Option<bool>("--exec") { Description = "After loading, sync and reboot into the kernel at once." };
        var command = new Command(
            "stage",
            "Load the image's kernel with kexec_file_load(2), so that the next kexec reboot ('systemctl kexec') boots it. "
            + "A UKI the kernel refuses whole is split into .linux, its initrds and its .cmdline. " + ExitCodes.KexecHelpText)
        {
            source, platform, cmdline, reuse, append, initrd, dryRun, exec,
        };
        format.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(cmdline) is not null && result.GetValue(reuse))
            {
                result.AddError("--cmdline and --reuse-cmdline contradict each other.");
            }

            if (result.GetValue(dryRun) && result.GetValue(exec))
            {
                result.AddError("--dry-run and --exec contradict each other.");
            }
        });
        command.SetAction(result =>
        {
            OpenSsl.Require();
            var output = result.InvocationConfiguration.Output;
            var sourcePath = result.GetValue(source)!;
            var options = new StageOptions(result.GetValue(cmdline), result.GetValue(reuse), result.GetValue(append), result.GetValue(initrd), result.GetValue(dryRun));
            using var root = ImageRoots.Open(sourcePath, result.GetValue(platform), host);
            StageReport? report;
            try
            {
                report = KernelFinder.Find(root).ChosenKernel() is { } kernel
                    ? KexecStager.Stage(root, kernel, options, host)
                    : null;
            }
            catch (BootPrepException ex)
            {
                throw ex.Within(sourcePath);
            }

            if (report is null)
            {
                throw new BootPrepException(BootPrepErrorKind.NotFound, sourcePath, "the image has no kernel to stage (no boot/EFI/Linux/*.efi, no usr/lib/modules/*/vmlinuz)");
            }

            format.Write(result, output, report, BootPrepJsonContext.Output.StageReport, (stage, writer) => StageOutput.Write(stage, result.GetValue(exec), writer));

            if (result.GetValue(exec))
            {
                output.Flush();
                KexecStager.RebootIntoLoaded();
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
