using System.CommandLine;
using System.CommandLine.Parsing;

namespace BootPrep.Cli.Commands;

/// <summary>Checks a path given on the command line before anything opens it.</summary>
internal static class PathValidation
{
    /// <summary>Refuses an empty path, and a value that looks like an option the command does not have (it was taken for the path).</summary>
    public static void Check(SymbolResult result, string? value, string what)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length == 0)
        {
            result.AddError($"{what} is an empty path.");
        }
        else if (value.StartsWith('-') && value.Length > 1)
        {
            var command = ((CommandResult)result.Parent!).Command;
            result.AddError(Suggestions.UnknownOption(value, command));
        }
    }

    /// <summary>Adds <see cref="Check"/> to <paramref name="argument"/>.</summary>
    public static Argument<string> Checked(this Argument<string> argument, string what)
    {
        argument.Validators.Add(result => Check(result, result.GetValueOrDefault<string>(), what));
        return argument;
    }

    /// <summary>Adds <see cref="Check"/> to <paramref name="option"/>.</summary>
    public static Option<string> Checked(this Option<string> option, string what)
    {
        option.Validators.Add(result => Check(result, result.GetValueOrDefault<string>(), what));
        return option;
    }
}
