using System.CommandLine;

namespace BootPrep.Cli.Commands;

/// <summary>The <c>--json</c> and <c>--format</c> pair, as bootc offers them.</summary>
internal sealed class FormatOptions
{
    private readonly Option<bool> _json = new("--json") { Description = "Print JSON (the same as --format json)." };

    private readonly Option<OutputFormat?> _format = new("--format")
    {
        Description = "Output format: human or json.",
        HelpName = "human|json",
        CustomParser = result => result.Tokens[0].Value switch
        {
            "human" => OutputFormat.Human,
            "json" => OutputFormat.Json,
            var other => Fail(result, other),
        },
    };

    /// <summary>Adds both options and the check that they agree to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_json);
        command.Options.Add(_format);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_json) && result.GetValue(_format) == OutputFormat.Human)
            {
                result.AddError("--json and --format human contradict each other.");
            }
        });
    }

    /// <summary>The format the user asked for; human when none.</summary>
    public OutputFormat Get(ParseResult result) =>
        result.GetValue(_json) ? OutputFormat.Json : result.GetValue(_format) ?? OutputFormat.Human;

    private static OutputFormat? Fail(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"--format must be human or json, not '{value}'.");
        return null;
    }
}
