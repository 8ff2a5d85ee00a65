using System.Text.Json;
using System.Text.Json.Serialization;

namespace BootPrep.Errors;

/// <summary>
/// Something a description could not read, or found suspicious, beside the kernel it describes: what kind of
/// problem (<see cref="Code"/>, for callers and tests), and the words for people. The JSON holds the words only, as
/// it always has.
/// </summary>
/// <param name="Code">What kind of problem it is.</param>
/// <param name="Message">The problem in words, naming the part (a section, a file) it is about.</param>
[JsonConverter(typeof(DiagnosticJsonConverter))]
public sealed record Diagnostic(DiagnosticCode Code, string Message)
{
    /// <summary>The diagnostic of a format error.</summary>
    public static Diagnostic Of(KernelFormatException error) => new(DiagnosticCode.FormatError, error.OneLine);

    /// <summary>The diagnostic of a file that could not be read.</summary>
    public static Diagnostic Of(BootPrepException error) => new(DiagnosticCode.Unreadable, error.OneLine);

    /// <summary>The same problem, its message prefixed with the part of the file it lies in.</summary>
    public Diagnostic Within(string part) => this with { Message = $"{part}: {Message}" };

    /// <inheritdoc/>
    public override string ToString() => Message;
}

/// <summary>The kinds of <see cref="Diagnostic"/>.</summary>
public enum DiagnosticCode
{
    /// <summary>A structure (PE headers, a bzImage or zboot header, a signature) is not what its format requires.</summary>
    FormatError,

    /// <summary>A file could not be read, or is not a regular file.</summary>
    Unreadable,

    /// <summary>The PE file has no .linux section: it is not a UKI.</summary>
    NotAUki,

    /// <summary>A section's data runs past the end of the file.</summary>
    SectionOutsideFile,

    /// <summary>Two sections share bytes of the file.</summary>
    SectionsOverlap,

    /// <summary>A text section (.cmdline, .osrel, ...) is too long to be one.</summary>
    TextTooLong,

    /// <summary>A text section is not valid UTF-8.</summary>
    TextNotUtf8,

    /// <summary>The kernel's header names another release than its directory or the UKI's .uname.</summary>
    ReleaseMismatch,
}

/// <summary>Writes a <see cref="Diagnostic"/> as its message, and reads one back as a format error.</summary>
public sealed class DiagnosticJsonConverter : JsonConverter<Diagnostic>
{
    /// <inheritdoc/>
    public override Diagnostic Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(DiagnosticCode.FormatError, reader.GetString() ?? "");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Diagnostic value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Message);
}
