namespace BootPrep.Cli.Commands;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>Lines for people, like bootc's human-readable output.</summary>
    Human,

    /// <summary>Kebab-case JSON for scripts and snapshot checks.</summary>
    Json,

    /// <summary>The JSON's content as YAML, as bootc's <c>--format yaml</c>.</summary>
    Yaml,
}
