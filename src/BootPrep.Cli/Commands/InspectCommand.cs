using System.CommandLine;
using System.Text.Json;
using BootPrep.Cli.Output;
using BootPrep.Errors;
using BootPrep.Inspection;
using BootPrep.Json;
using BootPrep.Kargs;
using BootPrep.Sources;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep inspect &lt;source&gt;</c>: which kernel the image boots, and with which arguments.</summary>
internal static class InspectCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var source = SourceArgument.Create("source", alsoRoot: true);
        var platform = PlatformOption.Create();
        var format = new FormatOptions();
        var command = new Command("inspect", $"Detect the image's kernel as bootc does and describe it. {ExitCodes.HelpText}")
        {
            source,
            platform,
        };
        format.AddTo(command);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var sourcePath = result.GetValue(source)!;
            using var root = ImageSources.Open(sourcePath, result.GetValue(platform));
            InspectReport report;
            try
            {
                report = ImageInspector.Inspect(root, RustArchitecture.Host);
            }
            catch (BootPrepException ex)
            {
                throw ex.Within(sourcePath);
            }

            if (format.Get(result) == OutputFormat.Json)
            {
                output.WriteLine(JsonSerializer.Serialize(report, BootPrepJsonContext.Default.InspectReport));
            }
            else
            {
                HumanReport.Write(report, output);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
