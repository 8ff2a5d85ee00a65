using System.CommandLine;
using System.Runtime.InteropServices;
using BootPrep.Cli.Output;
using BootPrep.Errors;
using BootPrep.Hosts;
using BootPrep.Sources;
using BootPrep.Unpack;
using BootPrep.Native;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep unpack &lt;image&gt; &lt;dir&gt;</c>: write the image's root into a new or empty directory.</summary>
internal static class UnpackCommand
{
    /// <summary>Creates the command for <paramref name="host"/>, whose architecture chooses in multi-platform images.</summary>
    public static Command Create(HostEnvironment host)
    {
        var source = SourceArgument.Create("image", alsoRoot: false);
        var target = new Argument<string>("dir") { Description = "Where to write the root: a new or empty directory." }.Checked("<dir>");
        var platform = PlatformOption.Create();
        var registry = new RegistryOptionSet();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print no progress." };
        var devices = new Option<bool>("--devices") { Description = "Make device nodes (needs root); they are skipped otherwise." };
        var command = new Command("unpack", $"Write the image's root into a directory, applying its layers as the OCI image spec says. Nothing outside the directory is written; on failure it is left as it was. {ExitCodes.HelpText}")
        {
            source,
            target,
            platform,
            quiet,
            devices,
        };
        registry.AddTo(command);
        command.SetAction(result =>
        {
            OpenSsl.Require();
            var name = result.GetValue(source)!;
            using var image = ImageSources.OpenImage(name, result.GetValue(platform), host, registry.Read(result))
                ?? throw new BootPrepException(BootPrepErrorKind.InvalidImage, name, "a directory holding a root, not an image; there is nothing to unpack");
            var error = result.InvocationConfiguration.Error;
            using var progress = !result.GetValue(quiet) && !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error)
                ? new TerminalProgress(error)
                : null;
            using var interrupt = new Interruption();
            UnpackResult written;
            try
            {
                written = ImageUnpacker.Unpack(image, result.GetValue(target)!, new UnpackOptions(host, result.GetValue(devices)), progress, interrupt.Token);
            }
            catch (OperationCanceledException) when (interrupt.Signal is { } signal)
            {
                error.WriteLine($"bootprep: {result.GetValue(target)}: interrupted by {signal}; what it had written is removed and the target is as it was");
                return 128 + (int)SignalNumber(signal);
            }

            if (written.SkippedDevices > 0 && !result.GetValue(quiet))
            {
                error.WriteLine($"bootprep: skipped {written.SkippedDevices} device node(s); run as root with --devices to make them");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // The numbers the shell reports as 128 + N: SIGHUP 1, SIGINT 2, SIGTERM 15.
    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        _ => 15,
    };
}
