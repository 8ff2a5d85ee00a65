using Tomlyn.Serialization;

namespace BootPrep.Kargs;

/// <summary>One usr/lib/bootc/kargs.d/*.toml file, as bootc reads it.</summary>
internal sealed class KargsFile
{
    /// <summary>The ordered kernel arguments; required.</summary>
    public List<string>? Kargs { get; set; }

    /// <summary>When present, the file applies only to these architectures (Rust names: x86_64, aarch64, …).</summary>
    public List<string>? MatchArchitectures { get; set; }

    /// <summary>Keys bootc does not know; bootc refuses a file that has any.</summary>
    [TomlExtensionData]
    public Dictionary<string, object?>? Unknown { get; set; }
}
