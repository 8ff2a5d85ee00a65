using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BootPrep.Cli.Output;

namespace BootPrep.Cli.Commands;

/// <summary>The <c>--json</c> and <c>--format</c> pair, as bootc offers them.</summary>
internal sealed class FormatOptions
{
    /// <summary>The <c>--json</c> option.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON (the same as --format json)." };

    /// <summary>The <c>--format</c> option.</summary>
    public Option<OutputFormat?> Format { get; } = new("--format")
    {
        Description = "Output format: human (or humanreadable, as bootc spells it), json or yaml.",
        HelpName = "human|json|yaml",
        CustomParser = result => result.Tokens[0].Value switch
        {
            "human" or "humanreadable" => OutputFormat.Human,
            "json" => OutputFormat.Json,
            "yaml" => OutputFormat.Yaml,
            var other => Fail(result, other),
        },
    };

    /// <summary>Adds both options and the check that they agree to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Format.CompletionSources.Clear();
        Format.CompletionSources.Add("human", "humanreadable", "json", "yaml");
        command.Options.Add(Json);
        command.Options.Add(Format);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Json) && result.GetValue(Format) is { } format && format != OutputFormat.Json)
            {
                result.AddError($"--json and --format {format.ToString().ToLowerInvariant()} contradict each other.");
            }
        });
    }

    /// <summary>The format the user asked for; human when none.</summary>
    public OutputFormat Get(ParseResult result) =>
        result.GetValue(Json) ? OutputFormat.Json : result.GetValue(Format) ?? OutputFormat.Human;

    /// <summary>Writes <paramref name="value"/> as JSON or YAML, or for people with <paramref name="human"/>, as the user asked.</summary>
    public void Write<T>(ParseResult result, TextWriter output, T value, JsonTypeInfo<T> json, Action<T, TextWriter> human)
    {
        switch (Get(result))
        {
            case OutputFormat.Json:
                output.WriteLine(JsonSerializer.Serialize(value, json));
                break;
            case OutputFormat.Yaml:
                YamlReport.Write(JsonSerializer.Serialize(value, json), output);
                break;
            default:
                human(value, Printable.Wrap(output));
                break;
        }
    }

    private static OutputFormat? Fail(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"--format must be human, humanreadable, json or yaml, not '{value}'.");
        return null;
    }
}
