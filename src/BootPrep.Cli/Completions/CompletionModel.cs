using System.CommandLine;
using System.CommandLine.Completions;

namespace BootPrep.Cli.Completions;

/// <summary>The command tree as completion scripts need it: commands, their options, and what each option's value can be.</summary>
internal sealed partial record CompletionModel(IReadOnlyList<CompletionModel.CommandModel> Commands, IReadOnlyList<CompletionModel.OptionModel> RootOptions)
{
    /// <summary>One subcommand: its options, and the words its argument accepts (none: paths).</summary>
    public sealed record CommandModel(string Name, string Description, IReadOnlyList<OptionModel> Options, IReadOnlyList<string> ArgumentValues);

    /// <summary>One option: its names, whether it takes a value, the values it offers, and whether that value is a file.</summary>
    public sealed record OptionModel(IReadOnlyList<string> Names, string Description, bool TakesValue, IReadOnlyList<string> Values, bool File);

    /// <summary>Reads the model from <paramref name="root"/>; options that apply to every command (--help) are listed with each.</summary>
    public static CompletionModel Of(RootCommand root)
    {
        var everywhere = root.Options.Where(option => option.Recursive).ToList();
        return new(
            [.. root.Subcommands.Where(command => !command.Hidden).Select(command => new CommandModel(
                command.Name,
                OneLine(command.Description),
                Options(command.Options.Concat(everywhere)),
                [.. command.Arguments.SelectMany(argument => argument.GetCompletions(CompletionContext.Empty)).Select(item => item.Label)]))],
            Options(root.Options));
    }

    private static List<OptionModel> Options(IEnumerable<Option> options) =>
        [.. options.Where(option => !option.Hidden).Select(option => new OptionModel(
            [.. new[] { option.Name }.Concat(option.Aliases.Order(StringComparer.Ordinal)).Where(IsShellName)],
            OneLine(option.Description),
            TakesValue(option),
            TakesValue(option) ? [.. option.GetCompletions(CompletionContext.Empty).Select(item => item.Label)] : [],
            option.HelpName is "FILE"))];

    private static bool TakesValue(Option option) => option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);

    /// <summary>Names a shell user types: --long or -s; not the DOS-style /? and /h help aliases.</summary>
    private static bool IsShellName(string name) =>
        name.StartsWith("--", StringComparison.Ordinal) || (name.Length == 2 && name[0] == '-' && char.IsAsciiLetter(name[1]));

    /// <summary>The first sentence, without quotes that would need escaping in a script.</summary>
    private static string OneLine(string? description)
    {
        var text = (description ?? "").Replace('\'', '’').Replace('"', '”');
        var end = SentenceEnd().Match(text);
        return (end.Success ? text[..end.Index] : text).TrimEnd('.');
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\. (?=[A-Z])")]
    private static partial System.Text.RegularExpressions.Regex SentenceEnd();
}
