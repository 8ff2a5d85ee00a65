using System.CommandLine;

namespace BootPrep.Cli.Commands;

/// <summary>Names what the user mistyped and the nearest spelling that exists, as git and cargo do.</summary>
internal static class Suggestions
{
    /// <summary>"unknown option '--jsn' for inspect; did you mean '--json'?"</summary>
    public static string UnknownOption(string token, Command command)
    {
        var names = command.Options.SelectMany(option => option.Aliases.Prepend(option.Name));
        return Sentence($"unknown option '{token}' for {Path(command)}", token, names);
    }

    /// <summary>"unknown command 'inspcet'; did you mean 'inspect'?"</summary>
    public static string UnknownCommand(string token, Command command) =>
        Sentence($"unknown command '{token}'", token, command.Subcommands.Select(subcommand => subcommand.Name));

    /// <summary>"unexpected argument 'x' for stage".</summary>
    public static string UnexpectedArgument(string token, Command command) => $"unexpected argument '{token}' for {Path(command)}.";

    private static string Path(Command command) => command.Parents.OfType<Command>().Any() ? command.Name : "bootprep";

    private static string Sentence(string problem, string token, IEnumerable<string> names) =>
        Nearest(token, names) is { } nearest ? $"{problem}; did you mean '{nearest}'?" : $"{problem}.";

    private static string? Nearest(string token, IEnumerable<string> names)
    {
        var nearest = names
            .Select(name => (Name: name, Distance: Distance(token, name)))
            .Where(candidate => candidate.Distance <= Math.Max(2, candidate.Name.Length / 3))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return nearest.Name;
    }

    /// <summary>The Damerau–Levenshtein distance (an adjacent swap counts once), the measure git's "did you mean" uses.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
