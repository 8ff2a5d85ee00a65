using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Pe;

namespace BootPrep.Uki;

/// <summary>
/// Reads a Unified Kernel Image as systemd-stub does (the UKI specification): the named sections of the base and
/// of profile 0, the texts, and where the kernel is. Problems with one part become entries of the error list.
/// </summary>
public static class UkiReader
{
    /// <summary>
    /// Describes <paramref name="uki"/>; the addons are added by the caller. Returns the description, the
    /// <c>.linux</c> data when it is in the file, and the file's sha256: <paramref name="sha256"/> when a verified
    /// source states it, which leaves only the sections to hash.
    /// </summary>
    public static (UkiDescription Uki, FileRange? Linux, string Sha256) Read(UkiImage uki, ICollection<Diagnostic> errors, ICollection<Diagnostic> warnings, string? sha256 = null)
    {
        var (file, image) = (uki.File, uki.Pe);
        (sha256, var sections) = Describe(file, image.Sections, sha256, errors);
        WarnOfOverlaps(uki, image.Sections, warnings);
        var profiles = ReadProfiles(uki, image.Sections, errors);
        var linux = uki.Section(".linux");
        if (uki.Find(".linux") is null)
        {
            errors.Add(new Diagnostic(DiagnosticCode.NotAUki, "no .linux section: the PE file is not a UKI"));
        }

        var osrel = uki.Text(".osrel", errors);
        var description = new UkiDescription(
            PeMachine.Name(image.Machine),
            sections,
            uki.Cmdline(errors),
            osrel is null ? null : OsRelease.Parse(osrel),
            UkiImage.Line(uki.Text(".uname", errors)),
            uki.Text(".sbat", errors),
            uki.Find(".initrd")?.DataSize,
            uki.Find(".ucode")?.DataSize,
            profiles,
            [],
            null,
            FormatErrors.Try(() => PeSignature.Read(image, file), errors));
        return (description, linux, sha256);
    }

    /// <summary>Describes an addon PE: what its sections add to the UKI's boot.</summary>
    public static UkiAddon ReadAddon(ImagePath path, FileRange file)
    {
        var errors = new List<Diagnostic>();
        return FormatErrors.Try(() => UkiImage.Read(file), errors) is { } addon
            ? ReadAddon(path, addon)
            : new UkiAddon(path, null, null, null, null, null, errors);
    }

    /// <summary>Describes an addon PE whose headers the caller has read.</summary>
    public static UkiAddon ReadAddon(ImagePath path, UkiImage addon)
    {
        var errors = new List<Diagnostic>();
        return new UkiAddon(
            path,
            addon.Cmdline(errors),
            addon.Find(".initrd")?.DataSize,
            addon.Find(".ucode")?.DataSize,
            addon.Find(".dtb")?.DataSize,
            FormatErrors.Try(() => PeSignature.Read(addon.Pe, addon.File), errors),
            errors);
    }

    /// <summary>The command line the kernel gets from a UKI and its addons: each non-empty one, joined by spaces.</summary>
    public static string? EffectiveCmdline(string? cmdline, IEnumerable<UkiAddon> addons)
    {
        var parts = addons.Select(addon => addon.Cmdline).Prepend(cmdline).Where(part => !string.IsNullOrWhiteSpace(part)).ToList();
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    /// <summary>The file's sha256 and its sections, each with the sha256 of its data, hashed in one pass over the file.</summary>
    private static (string Sha256, List<UkiSection> Sections) Describe(FileRange file, IReadOnlyList<PeSection> sections, string? sha256, ICollection<Diagnostic> errors)
    {
        var (whole, hashes) = RangeHashes.Compute(file, [.. sections.Select(section => ((long)section.PointerToRawData, (long)section.DataSize))], sha256);
        var described = new List<UkiSection>(sections.Count);
        int? profile = null;
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            if (section.Name == UkiImage.ProfileSection)
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

    private static List<UkiProfile>? ReadProfiles(UkiImage uki, IReadOnlyList<PeSection> sections, ICollection<Diagnostic> errors)
    {
        List<UkiProfile>? profiles = null;
        for (var start = 0; start < sections.Count; start++)
        {
            if (sections[start].Name != UkiImage.ProfileSection)
            {
                continue;
            }

            var members = sections.Skip(start + 1).TakeWhile(section => section.Name != UkiImage.ProfileSection).ToList();
            var text = uki.Text(sections[start], errors);
            var keys = text is null ? null : OsRelease.Parse(text);
            var cmdline = members.FirstOrDefault(section => section.Name == ".cmdline") is { } own ? UkiImage.Line(uki.Text(own, errors)) : null;
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

    private static void WarnOfOverlaps(UkiImage uki, IReadOnlyList<PeSection> sections, ICollection<Diagnostic> warnings)
    {
        var inFile = sections.Where(section => section.DataSize > 0 && uki.Data(section) is not null).OrderBy(section => section.PointerToRawData).ToList();
        for (var i = 1; i < inFile.Count; i++)
        {
            var previous = inFile[i - 1];
            if (inFile[i].PointerToRawData < previous.PointerToRawData + previous.DataSize)
            {
                warnings.Add(new Diagnostic(DiagnosticCode.SectionsOverlap, $"sections {previous.Name} and {inFile[i].Name} overlap in the file"));
            }
        }
    }
}
