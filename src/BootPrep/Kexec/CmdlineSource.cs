using System.Text.Json.Serialization;

namespace BootPrep.Kexec;

/// <summary>Where a staged kernel's command line came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CmdlineSource>))]
public enum CmdlineSource
{
    /// <summary>The UKI's .cmdline and its addons'.</summary>
    [JsonStringEnumMemberName("uki")]
    Uki,

    /// <summary>--cmdline.</summary>
    [JsonStringEnumMemberName("option")]
    Option,

    /// <summary>The running system's /proc/cmdline.</summary>
    [JsonStringEnumMemberName("proc-cmdline")]
    ProcCmdline,

    /// <summary>The entry ostree's finalization will write for the staged deployment (or bootc wrote for it).</summary>
    [JsonStringEnumMemberName("staged-deployment")]
    StagedDeployment,

    /// <summary>The default boot entry.</summary>
    [JsonStringEnumMemberName("boot-entry")]
    BootEntry,
}
