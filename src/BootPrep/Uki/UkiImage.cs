using System.Text;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Pe;

namespace BootPrep.Uki;

/// <summary>
/// A UKI or addon PE with the sections the stub uses when no profile is chosen, worked out once: the base sections
/// (first of each name), with profile 0's over them when the UKI has profiles (systemd's pe_locate_profile_sections).
/// </summary>
public sealed class UkiImage
{
    /// <summary>A text section longer than this is reported as an error instead of decoded.</summary>
    public const int MaxTextSize = 1 << 20;

    /// <summary>The section that starts a profile.</summary>
    public const string ProfileSection = ".profile";

    private readonly Dictionary<string, PeSection> _view;

    /// <summary>The UKI in <paramref name="file"/>, whose PE headers are <paramref name="pe"/>.</summary>
    public UkiImage(FileRange file, PeImage pe)
    {
        File = file;
        Pe = pe;
        _view = DefaultView(pe.Sections);
    }

    /// <summary>The UKI's bytes.</summary>
    public FileRange File { get; }

    /// <summary>Its PE headers.</summary>
    public PeImage Pe { get; }

    /// <summary>Reads the PE headers of <paramref name="file"/>; throws <see cref="KernelFormatException"/> naming the field that is wrong.</summary>
    public static UkiImage Read(FileRange file) => new(file, PeImage.Read(file));

    /// <summary>The section named <paramref name="name"/> the stub would use, or null when there is none.</summary>
    public PeSection? Find(string name) => _view.GetValueOrDefault(name);

    /// <summary>
    /// The data of the section named <paramref name="name"/> the stub would use; null when there is none or its data is
    /// not inside the file.
    /// </summary>
    public FileRange? Section(string name) => Data(Find(name));

    /// <summary>The data of <paramref name="section"/>, or null when there is no such section or its data is not inside the file.</summary>
    public FileRange? Data(PeSection? section) =>
        section is not null && File.Contains(section.PointerToRawData, section.DataSize) ? File.Slice(section.PointerToRawData, section.DataSize) : null;

    /// <summary>
    /// The command line as the stub would use it (the base .cmdline, or profile 0's), without its addons'; null when it
    /// has none. A text that is not UTF-8 is named in <paramref name="errors"/>.
    /// </summary>
    public string? Cmdline(ICollection<Diagnostic> errors) => Line(Text(".cmdline", errors));

    /// <summary>The text of the section named <paramref name="name"/> the stub would use; null when there is none.</summary>
    public string? Text(string name, ICollection<Diagnostic> errors) => Find(name) is { } section ? Text(section, errors) : null;

    /// <summary>A text section without its trailing NULs; invalid UTF-8 is reported and replaced, not fatal.</summary>
    public string? Text(PeSection section, ICollection<Diagnostic> errors)
    {
        if (Data(section) is not { } data)
        {
            return null;
        }

        if (data.Length > MaxTextSize)
        {
            errors.Add(new Diagnostic(DiagnosticCode.TextTooLong, $"section {section.Name}: {data.Length} bytes is too long for a text section (at most {MaxTextSize})"));
            return null;
        }

        var bytes = data.ToArray().AsSpan().TrimEnd((byte)0);
        if (Utf8Text.FirstInvalidByte(bytes) is { } invalid)
        {
            errors.Add(new Diagnostic(DiagnosticCode.TextNotUtf8, $"section {section.Name}: not valid UTF-8 at byte {invalid}"));
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A one-line text (command line, release) without the line ending or spaces around it.</summary>
    public static string? Line(string? text) => text?.Trim();

    private static Dictionary<string, PeSection> DefaultView(IReadOnlyList<PeSection> sections)
    {
        var view = new Dictionary<string, PeSection>(StringComparer.Ordinal);
        var profile0 = new Dictionary<string, PeSection>(StringComparer.Ordinal);
        var profile = -1;
        foreach (var section in sections)
        {
            if (section.Name == ProfileSection)
            {
                profile++;
                continue;
            }

            var target = profile switch
            {
                -1 => view,
                0 => profile0,
                _ => null,
            };
            target?.TryAdd(section.Name, section);
        }

        foreach (var (name, section) in profile0)
        {
            view[name] = section;
        }

        return view;
    }
}
