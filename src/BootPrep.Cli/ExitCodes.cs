namespace BootPrep.Cli;

/// <summary>The exit codes bootprep documents (README, <c>--help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input or the system did not allow it; stderr holds one line naming the file and the problem.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The text appended to every command's help.</summary>
    public const string HelpText = "Exit codes: 0 success, 1 failure (one line on stderr names the file and the problem), 2 usage error.";
}
