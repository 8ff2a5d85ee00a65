using System.Text.Json.Serialization;

namespace BootPrep.Detection;

/// <summary>Why a place detection looked at is not the kernel; the JSON spells each as its sentence.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SkipReason>))]
public enum SkipReason
{
    /// <summary>bootc skips a name that is not UTF-8.</summary>
    [JsonStringEnumMemberName("name is not valid UTF-8")]
    NameNotUtf8,

    /// <summary>A UKI's extension must be exactly "efi".</summary>
    [JsonStringEnumMemberName("extension is not exactly .efi (case matters)")]
    ExtensionCase,

    /// <summary>A link in usr/lib/modules, which bootc does not follow.</summary>
    [JsonStringEnumMemberName("a symbolic link; only real directories are considered")]
    SymbolicLink,

    /// <summary>A module directory without vmlinuz.</summary>
    [JsonStringEnumMemberName("no vmlinuz")]
    NoVmlinuz,

    /// <summary>A UKI after the first in byte order.</summary>
    [JsonStringEnumMemberName("an earlier UKI in byte order is chosen")]
    EarlierUki,

    /// <summary>A module directory in an image that has a UKI.</summary>
    [JsonStringEnumMemberName("a UKI takes precedence")]
    UkiTakesPrecedence,

    /// <summary>One of several module directories holding vmlinuz, where bootc chooses none.</summary>
    [JsonStringEnumMemberName("one of several directories holding vmlinuz")]
    OneOfSeveral,
}

/// <summary>The sentences of <see cref="SkipReason"/>, for people.</summary>
public static class SkipReasons
{
    /// <summary>The sentence the JSON spells <paramref name="reason"/> as.</summary>
    public static string Text(this SkipReason reason) => reason switch
    {
        SkipReason.NameNotUtf8 => "name is not valid UTF-8",
        SkipReason.ExtensionCase => "extension is not exactly .efi (case matters)",
        SkipReason.SymbolicLink => "a symbolic link; only real directories are considered",
        SkipReason.NoVmlinuz => "no vmlinuz",
        SkipReason.EarlierUki => "an earlier UKI in byte order is chosen",
        SkipReason.UkiTakesPrecedence => "a UKI takes precedence",
        _ => "one of several directories holding vmlinuz",
    };
}
