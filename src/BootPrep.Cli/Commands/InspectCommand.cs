using System.CommandLine;
using System.Text.Json;
using BootPrep.Images;
using BootPrep.Cli.Output;
using BootPrep.Errors;
using BootPrep.Hosts;
using BootPrep.Inspection;
using BootPrep.Json;
using BootPrep.Architectures;
using BootPrep.RootFs;
using BootPrep.Native;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep inspect &lt;source&gt;</c>: which kernel the image boots, and with which arguments.</summary>
internal static class InspectCommand
{
    /// <summary>Creates the command for <paramref name="host"/>; <paramref name="binaryOutput"/> receives the bytes <c>--section</c> prints.</summary>
    public static Command Create(Stream binaryOutput, HostEnvironment host)
    {
        var source = SourceArgument.Create("source", alsoRoot: true);
        source.Arity = ArgumentArity.ZeroOrOne;
        var rootfs = new Option<string>("--rootfs")
        {
            Description = "Inspect this directory holding an image root, as bootc container inspect --rootfs does (instead of <source>).",
            HelpName = "DIR",
        }.Checked("--rootfs");
        var arch = new Option<string>("--arch")
        {
            Description = "Match kargs.d's match-architectures against this architecture (x86_64, aarch64, …) instead of the image's, or the host's for a directory.",
            HelpName = "NAME",
        };
        var platform = PlatformOption.Create();
        var registry = new RegistryOptionSet();
        var format = new FormatOptions();
        var expect = new ExpectOptions();
        var section = new Option<string>("--section")
        {
            Description = "Print the raw bytes of this PE section of the kernel or UKI (e.g. .cmdline, .linux) instead of the report.",
            HelpName = "NAME",
        };
        var noCache = new Option<bool>("--no-cache")
        {
            Description = "Read every layer and the kernel, and keep nothing: without it, layers and kernels inspected before are not read again ($XDG_CACHE_HOME/bootprep, else /var/cache/bootprep for root, ~/.cache/bootprep).",
        };
        var command = new Command("inspect", $"Detect the image's kernel as bootc does and describe it. {ExitCodes.InspectHelpText}")
        {
            source,
            rootfs,
            arch,
            platform,
            section,
            noCache,
        };
        format.AddTo(command);
        expect.AddTo(command);
        registry.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(arch) is "")
            {
                result.AddError("--arch needs an architecture name, such as x86_64 or aarch64.");
            }

            if ((result.GetValue(source) is null) == (result.GetValue(rootfs) is null))
            {
                result.AddError("Name the image either as <source> or with --rootfs DIR, not both.");
            }

            if (result.GetValue(section) is not null && (result.GetValue(format.Json) || result.GetValue(format.Format) is not null || result.GetValue(expect.Expect) is not null))
            {
                result.AddError("--section prints raw bytes; it does not combine with --json, --format or --expect.");
            }

            if (result.GetValue(expect.Expect) is not null && result.GetValue(format.Format) == OutputFormat.Human)
            {
                result.AddError("--expect compares the JSON report; it does not combine with --format human.");
            }
        });
        command.SetAction(result =>
        {
            OpenSsl.Require();
            try
            {
                return Inspect(result);
            }
            catch (BootPrepException ex) when (expect.Compares(result))
            {
                result.InvocationConfiguration.Error.WriteLine(Printable.Escape($"bootprep: {ex.OneLine}"));
                return ExitCodes.CannotCompare;
            }
        });
        return command;

        int Inspect(ParseResult result)
        {
            var output = result.InvocationConfiguration.Output;
            var sourcePath = result.GetValue(source) ?? result.GetValue(rootfs)!;
            IImageRoot root;
            using (var progress = RegistryOptionSet.ProgressFor(result, result.GetValue(source)))
            {
                root = result.GetValue(rootfs) is { } directory ? DirectoryImageRoot.Open(directory) : ImageRoots.Open(sourcePath, result.GetValue(platform), host, registry.Read(result, progress), cached: !result.GetValue(noCache));
            }

            using var owned = root;
            if (result.GetValue(section) is { } name)
            {
                SectionExtractor.CopyFromKernel(root, sourcePath, name, binaryOutput);
                return ExitCodes.Success;
            }

            var report = ImageInspector.Inspect(root, sourcePath, result.GetValue(arch) is { } archName ? CpuArchitecture.Parse(archName) : null, host, cached: !result.GetValue(noCache));

            if (result.GetValue(expect.Expect) is not null)
            {
                return expect.Run(result, JsonSerializer.Serialize(report, BootPrepJsonContext.Output.InspectReport), sourcePath, output);
            }

            format.Write(result, output, report, BootPrepJsonContext.Output.InspectReport, HumanReport.Write);
            if (report.Bootc.Reasons is [var first, ..])
            {
                result.InvocationConfiguration.Error.WriteLine(Printable.Escape($"bootprep: {sourcePath}: bootc would refuse this image: {first.OneLine}"));
                return ExitCodes.BootcRefuses;
            }

            return ExitCodes.Success;
        }
    }
}
