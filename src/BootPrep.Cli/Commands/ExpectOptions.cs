using System.CommandLine;
using System.Text.Json.Nodes;
using BootPrep.Cli.Output;
using BootPrep.Expectations;

namespace BootPrep.Cli.Commands;

/// <summary>
/// <c>--expect FILE</c> and its companions: compare inspect's JSON with a file kept in the user's repository, so CI
/// fails when an image's kernel detection changes; <c>--update</c> rewrites the file.
/// </summary>
internal sealed class ExpectOptions
{
    /// <summary>The <c>--expect FILE</c> option.</summary>
    public Option<string> Expect { get; } = new Option<string>("--expect")
    {
        Description = "Compare the JSON report with FILE; print the differences and exit 1 when they differ, 8 when they cannot be compared.",
        HelpName = "FILE",
    }.Checked("--expect");

    private readonly Option<bool> _update = new("--update") { Description = "With --expect: write the report to FILE instead of comparing." };

    private readonly Option<JsonPathPattern[]> _ignore = new("--ignore")
    {
        Description = $"With --expect: also leave this JSON path out of the comparison ({JsonPathPattern.Syntax}). Repeatable.",
        HelpName = "PATH",
        CustomParser = result => [.. result.Tokens.Select(token => JsonPathPattern.TryParse(token.Value) ?? Fail(result, token.Value))],
    };

    private readonly Option<bool> _noDefaultIgnore = new("--no-default-ignore")
    {
        Description = $"With --expect: compare every field, also the ones left out by default ({string.Join(", ", JsonComparer.DefaultIgnored)}).",
    };

    /// <summary>Adds the options, and the checks that they come with --expect, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Expect);
        command.Options.Add(_update);
        command.Options.Add(_ignore);
        command.Options.Add(_noDefaultIgnore);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Expect) is null && (result.GetValue(_update) || result.GetValue(_ignore) is { Length: > 0 } || result.GetValue(_noDefaultIgnore)))
            {
                result.AddError("--update, --ignore and --no-default-ignore go with --expect FILE.");
            }
        });
    }

    /// <summary>True when the command line asks for a comparison (--expect without --update).</summary>
    public bool Compares(ParseResult result) => result.GetValue(Expect) is not null && !result.GetValue(_update);

    /// <summary>Compares or updates; returns the exit code.</summary>
    public int Run(ParseResult result, string json, string source, TextWriter output)
    {
        var file = result.GetValue(Expect)!;
        if (result.GetValue(_update))
        {
            ExpectationFile.Write(file, json);
            return ExitCodes.Success;
        }

        var expected = ExpectationFile.Read(file);
        var ignored = (result.GetValue(_noDefaultIgnore) ? [] : JsonComparer.DefaultIgnored.Select(text => JsonPathPattern.TryParse(text)!))
            .Concat(result.GetValue(_ignore) ?? [])
            .ToList();
        var differences = JsonComparer.Compare(expected, JsonNode.Parse(json), ignored);
        if (differences.Count == 0)
        {
            return ExitCodes.Success;
        }

        ExpectationDiff.Write(file, $"bootprep inspect {source}", differences, output);
        return ExitCodes.Failure;
    }

    private static JsonPathPattern Fail(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"--ignore '{value}' is not a JSON path: write {JsonPathPattern.Syntax}.");
        return null!;
    }
}
