using System.Text.Json.Serialization;

namespace BootPrep.Bootc;

/// <summary>Why bootc 1.16 would stop on an image: the kinds of error its <c>container inspect</c> ends with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BootcRefusalCode>))]
public enum BootcRefusalCode
{
    /// <summary>A directory bootc opens is something else, or a path leads through a non-directory (ENOTDIR).</summary>
    [JsonStringEnumMemberName("not-a-directory")]
    NotADirectory,

    /// <summary>A file bootc reads is a directory (EISDIR).</summary>
    [JsonStringEnumMemberName("is-a-directory")]
    IsADirectory,

    /// <summary>A file bootc reads is a dangling link (ENOENT).</summary>
    [JsonStringEnumMemberName("not-found")]
    NotFound,

    /// <summary>A file bootc reads is a device node, FIFO or socket.</summary>
    [JsonStringEnumMemberName("not-a-regular-file")]
    NotARegularFile,

    /// <summary>An absolute link, or a ".." above the directory bootc opened (cap-std refuses both: RESOLVE_BENEATH).</summary>
    [JsonStringEnumMemberName("escapes-root")]
    EscapesRoot,

    /// <summary>More than 40 links in one path (ELOOP).</summary>
    [JsonStringEnumMemberName("symlink-loop")]
    SymlinkLoop,

    /// <summary>A name in usr/lib/bootc/kargs.d is not UTF-8, which fails bootc's listing.</summary>
    [JsonStringEnumMemberName("name-not-utf8")]
    NameNotUtf8,

    /// <summary>A kargs.d file, or a UKI's .cmdline, is not UTF-8.</summary>
    [JsonStringEnumMemberName("not-utf8")]
    NotUtf8,

    /// <summary>A kargs.d file is not TOML, or its keys have the wrong types.</summary>
    [JsonStringEnumMemberName("invalid-toml")]
    InvalidToml,

    /// <summary>A kargs.d file has a key other than kargs and match-architectures (serde's deny_unknown_fields).</summary>
    [JsonStringEnumMemberName("unknown-key")]
    UnknownKey,

    /// <summary>A kargs.d file has no kargs key.</summary>
    [JsonStringEnumMemberName("missing-kargs")]
    MissingKargs,

    /// <summary>The chosen UKI is not a PE image whose section table and .cmdline can be read.</summary>
    [JsonStringEnumMemberName("not-a-pe")]
    NotAPe,

    /// <summary>More than one directory in usr/lib/modules holds vmlinuz.</summary>
    [JsonStringEnumMemberName("multiple-kernels")]
    MultipleKernels,
}
