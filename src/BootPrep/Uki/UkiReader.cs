using System.Text;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Pe;

namespace BootPrep.Uki;

/// <summary>
/// Reads a Unified Kernel Image as systemd-stub does (the UKI specification): the named sections of the base and
/// of profile 0, the texts, and where the kernel is. Problems with one part become entries of the error list.
/// </summary>
public static class UkiReader
{
    /// <summary>A text section longer than this is reported as an error instead of decoded.</summary>
    public const int MaxTextSize = 1 << 20;

    private const string ProfileSection = ".profile";

    /// <summary>
    /// Describes the UKI in <paramref name="file"/> (its PE headers already read into <paramref name="image"/>); the
    /// addons are added by the caller. Returns the description and the <c>.linux</c> data, when it is in the file.
    /// </summary>
    public static (UkiDescription Uki, FileRange? Linux, string Sha256) Read(FileRange file, PeImage image, ICollection<Diagnostic> errors, ICollection<Diagnostic> warnings)
    {
        var (sha256, sections) = Describe(file, image.Sections, errors);
        WarnOfOverlaps(file, image.Sections, warnings);
        var view = DefaultView(image.Sections);
        var profiles = ReadProfiles(file, image.Sections, errors);
        var linux = Data(file, view.GetValueOrDefault(".linux"));
        if (!view.ContainsKey(".linux"))
        {
            errors.Add(new Diagnostic(DiagnosticCode.NotAUki, "no .linux section: the PE file is not a UKI"));
        }

        var osrel = Text(file, view, ".osrel", errors);
        var uki = new UkiDescription(
            PeMachine.Name(image.Machine),
            sections,
            Line(Text(file, view, ".cmdline", errors)),
            osrel is null ? null : OsRelease.Parse(osrel),
            Line(Text(file, view, ".uname", errors)),
            Text(file, view, ".sbat", errors),
            view.GetValueOrDefault(".initrd")?.DataSize,
            view.GetValueOrDefault(".ucode")?.DataSize,
            profiles,
            [],
            null,
            FormatErrors.Try(() => PeSignature.Read(image, file), errors));
        return (uki, linux, sha256);
    }

    /// <summary>
    /// The data of the section named <paramref name="name"/> as the stub would use it (the base's, or profile 0's
    /// over it); null when there is none or its data is not inside the file.
    /// </summary>
    public static FileRange? Section(FileRange file, PeImage image, string name) =>
        Data(file, DefaultView(image.Sections).GetValueOrDefault(name));

    /// <summary>
    /// The command line of the UKI in <paramref name="file"/> as the stub would use it (the base .cmdline, or profile
    /// 0's), without its addons'; null when it has none. A text that is not UTF-8 is named in <paramref name="errors"/>.
    /// </summary>
    public static string? Cmdline(FileRange file, PeImage image, ICollection<Diagnostic> errors) =>
        Line(Text(file, DefaultView(image.Sections), ".cmdline", errors));

    /// <summary>Describes an addon PE: what its sections add to the UKI's boot.</summary>
    public static UkiAddon ReadAddon(string path, FileRange file)
    {
        var errors = new List<Diagnostic>();
        return FormatErrors.Try(() => PeImage.Read(file), errors) is { } image
            ? ReadAddon(path, file, image)
            : new UkiAddon(path, null, null, null, null, null, errors);
    }

    /// <summary>Describes an addon PE whose headers the caller has read into <paramref name="image"/>.</summary>
    public static UkiAddon ReadAddon(string path, FileRange file, PeImage image)
    {
        var errors = new List<Diagnostic>();
        var view = DefaultView(image.Sections);
        return new UkiAddon(
            path,
            Line(Text(file, view, ".cmdline", errors)),
            view.GetValueOrDefault(".initrd")?.DataSize,
            view.GetValueOrDefault(".ucode")?.DataSize,
            view.GetValueOrDefault(".dtb")?.DataSize,
            FormatErrors.Try(() => PeSignature.Read(image, file), errors),
            errors);
    }

    /// <summary>The command line the kernel gets from a UKI and its addons: each non-empty one, joined by spaces.</summary>
    public static string? EffectiveCmdline(string? cmdline, IEnumerable<UkiAddon> addons)
    {
        var parts = addons.Select(addon => addon.Cmdline).Prepend(cmdline).Where(part => !string.IsNullOrWhiteSpace(part)).ToList();
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    /// <summary>
    /// The sections the stub uses when no profile is chosen: the base sections (first of each name), overridden by
    /// profile 0's when the UKI has profiles (systemd's pe_locate_profile_sections).
    /// </summary>
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

    /// <summary>The file's sha256 and its sections, each with the sha256 of its data, hashed in one pass over the file.</summary>
    private static (string Sha256, List<UkiSection> Sections) Describe(FileRange file, IReadOnlyList<PeSection> sections, ICollection<Diagnostic> errors)
    {
        var (whole, hashes) = RangeHashes.Compute(file, [.. sections.Select(section => ((long)section.PointerToRawData, (long)section.DataSize))]);
        var described = new List<UkiSection>(sections.Count);
        int? profile = null;
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            if (section.Name == ProfileSection)
            {
                profile = (profile ?? -1) + 1;
            }

            if (hashes[i] is null)
            {
                errors.Add(new Diagnostic(DiagnosticCode.SectionOutsideFile, $"section {section.Name}: its data (0x{section.PointerToRawData:x}, {section.DataSize} bytes) runs past the end of the file ({file.Length} bytes)"));
            }

            described.Add(new UkiSection(section.Name, section.VirtualSize, section.SizeOfRawData, section.PointerToRawData, section.DataSize, hashes[i], profile));
        }

        return (whole, described);
    }

    private static List<UkiProfile>? ReadProfiles(FileRange file, IReadOnlyList<PeSection> sections, ICollection<Diagnostic> errors)
    {
        List<UkiProfile>? profiles = null;
        for (var start = 0; start < sections.Count; start++)
        {
            if (sections[start].Name != ProfileSection)
            {
                continue;
            }

            var members = sections.Skip(start + 1).TakeWhile(section => section.Name != ProfileSection).ToList();
            var text = Text(file, sections[start], errors);
            var keys = text is null ? null : OsRelease.Parse(text);
            var cmdline = members.FirstOrDefault(section => section.Name == ".cmdline") is { } own ? Line(Text(file, own, errors)) : null;
            profiles ??= [];
            profiles.Add(new UkiProfile(
                profiles.Count,
                keys?.GetValueOrDefault("ID"),
                keys?.GetValueOrDefault("TITLE"),
                [.. members.Select(section => section.Name)],
                cmdline));
        }

        return profiles;
    }

    private static void WarnOfOverlaps(FileRange file, IReadOnlyList<PeSection> sections, ICollection<Diagnostic> warnings)
    {
        var inFile = sections.Where(section => section.DataSize > 0 && Data(file, section) is not null).OrderBy(section => section.PointerToRawData).ToList();
        for (var i = 1; i < inFile.Count; i++)
        {
            var previous = inFile[i - 1];
            if (inFile[i].PointerToRawData < previous.PointerToRawData + previous.DataSize)
            {
                warnings.Add(new Diagnostic(DiagnosticCode.SectionsOverlap, $"sections {previous.Name} and {inFile[i].Name} overlap in the file"));
            }
        }
    }

    /// <summary>The data of <paramref name="section"/>, or null when there is no such section or its data is not inside the file.</summary>
    private static FileRange? Data(FileRange file, PeSection? section) =>
        section is not null && file.Contains(section.PointerToRawData, section.DataSize) ? file.Slice(section.PointerToRawData, section.DataSize) : null;

    private static string? Text(FileRange file, Dictionary<string, PeSection> view, string name, ICollection<Diagnostic> errors) =>
        view.TryGetValue(name, out var section) ? Text(file, section, errors) : null;

    /// <summary>A text section without its trailing NULs; invalid UTF-8 is reported and replaced, not fatal.</summary>
    private static string? Text(FileRange file, PeSection section, ICollection<Diagnostic> errors)
    {
        if (Data(file, section) is not { } data)
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
    private static string? Line(string? text) => text?.Trim();
}
