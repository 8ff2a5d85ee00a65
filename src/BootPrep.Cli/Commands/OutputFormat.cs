namespace BootPrep.Cli.Commands;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>Lines for people, like bootc's human-readable output.</summary>
    Human,

    /// <summary>Kebab-case JSON for scripts and snapshot checks.</summary>
    Json,
}
