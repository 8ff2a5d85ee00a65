using System.CommandLine;
using BootPrep.Images;
using BootPrep.Cli.Output;
using BootPrep.Hosts;
using BootPrep.Json;
using BootPrep.Kexec;
using BootPrep.Native;
using BootPrep.Sources;
using BootPrep.RootFs;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep stage &lt;source&gt;</c>: load the image's kernel with kexec_file_load for the next (kexec) reboot.</summary>
internal static class StageCommand
{
    /// <summary>Creates the command for <paramref name="host"/>.</summary>
    public static Command Create(HostEnvironment host)
    {
        var source = SourceArgument.Create("source", alsoRoot: true);
        source.Arity = ArgumentArity.ZeroOrOne;
        source.Description += " Without one, on a host booted from ostree: the deployment the next boot boots (the staged one, else the default entry).";
        var platform = PlatformOption.Create();
        var registry = new RegistryOptionSet();
        var format = new FormatOptions();
        var cmdline = new Option<string>("--cmdline") { Description = "Boot the kernel with this command line instead of the UKI's or the running system's.", HelpName = "TEXT" };
        var reuse = new Option<bool>("--reuse-cmdline") { Description = "Use the running system's command line (/proc/cmdline), also for a UKI." };
        var append = new Option<string[]>("--append") { Description = "Add this text to the end of the command line; repeat it to add more.", HelpName = "TEXT" };
        var initrd = new Option<string>("--initrd") { Description = "Use this file (a path on the host) as the initrd instead of the image's.", HelpName = "FILE" }.Checked("--initrd");
        var dryRun = new Option<bool>("--dry-run") { Description = "Resolve everything and print the plan, without calling the kernel." };
        var exec = new Option<bool>("--exec") { Description = "After loading, sync and reboot into the kernel at once." };
        var finalized = new Option<bool>("--finalized")
        {
            Description = "Run after ostree-finalize-staged.service: stage the default entry it wrote if it boots the deployment bootprep staged before, else unload (the shutdown becomes a normal reboot).",
        };
        var command = new Command(
            "stage",
            "Load the image's kernel with kexec_file_load(2), so that the next kexec reboot ('systemctl kexec') boots it. "
            + "A UKI the kernel refuses whole is split into .linux, its initrds and its .cmdline. " + ExitCodes.KexecHelpText)
        {
            source, platform, cmdline, reuse, append, initrd, dryRun, exec, finalized,
        };
        format.AddTo(command);
        registry.AddTo(command);
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

            if (result.GetValue(source) is null && result.GetValue(reuse))
            {
                result.AddError("--reuse-cmdline needs a source: without one, the command line is the next boot entry's (the running one names the old deployment in ostree=).");
            }

            if (result.GetValue(finalized) && result.GetValue(source) is not null)
            {
                result.AddError("--finalized takes no source: it stages the entry ostree wrote.");
            }
        });
        command.SetAction(result =>
        {
            OpenSsl.Require();
            var output = result.InvocationConfiguration.Output;
            var options = new StageOptions(result.GetValue(cmdline), result.GetValue(reuse), result.GetValue(append) is { Length: > 0 } appended ? string.Join(' ', appended) : null, result.GetValue(initrd), result.GetValue(dryRun));
            var report = result.GetValue(source) is { } sourcePath
                ? StageImage(sourcePath, result.GetValue(platform), registry, result, options, host)
                : result.GetValue(finalized) ? KexecStager.StageFinalized(options, host) : KexecStager.StageNextBoot(options, host);
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

    private static StageReport StageImage(string sourcePath, Platform? platform, RegistryOptionSet registry, ParseResult result, StageOptions options, HostEnvironment host)
    {
        IImageRoot opened;
        using (var progress = RegistryOptionSet.ProgressFor(result, sourcePath))
        {
            opened = ImageRoots.Open(sourcePath, platform, host, registry.Read(result, progress));
        }

        using var root = opened;
        return KexecStager.StageImage(root, sourcePath, options, host);
    }
}
