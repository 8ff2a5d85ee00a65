using System.CommandLine;
using System.Text.Json;
using BootPrep.Cli.Output;
using BootPrep.Errors;
using BootPrep.Inspection;
using BootPrep.Json;
using BootPrep.Kargs;
using BootPrep.RootFs;

namespace BootPrep.Cli.Commands;

/// <summary><c>bootprep inspect &lt;source&gt;</c>: which kernel the image boots, and with which arguments.</summary>
internal static class InspectCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "The image root: a directory holding the image's files." };
        var format = new FormatOptions();
        var command = new Command("inspect", $"Detect the image's kernel as bootc does and describe it. {ExitCodes.HelpText}")
        {
            source,
        };
        format.AddTo(command);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var sourcePath = result.GetValue(source)!;
            using var root = DirectoryImageRoot.Open(sourcePath);
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
