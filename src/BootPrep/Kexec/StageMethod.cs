using System.Text.Json.Serialization;

namespace BootPrep.Kexec;

/// <summary>How the kernel was handed to kexec_file_load.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StageMethod>))]
public enum StageMethod
{
    /// <summary>A kernel image (vmlinuz) and its initrd, as they are.</summary>
    [JsonStringEnumMemberName("vmlinuz")]
    Vmlinuz,

    /// <summary>The whole UKI, which the kernel took.</summary>
    [JsonStringEnumMemberName("uki")]
    Uki,

    /// <summary>A UKI's .linux, initrds and .cmdline, given separately.</summary>
    [JsonStringEnumMemberName("uki-split")]
    UkiSplit,

    /// <summary>A compressed kernel the kernel refused, decompressed.</summary>
    [JsonStringEnumMemberName("decompressed")]
    Decompressed,
}
