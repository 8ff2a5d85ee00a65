using BootPrep.Errors;
using BootPrep.Binary;
using BootPrep.Files;
using BootPrep.Pe;
using BootPrep.Tests.Support;
using BootPrep.Uki;

namespace BootPrep.Tests.Uki;

public sealed class UkiReaderTests
{
    [Fact]
    public void Decodes_the_text_sections_and_finds_the_kernel()
    {
        var read = Read(new PeBuilder()
            .Add(".osrel", "ID=fedora\nVERSION_ID=42\n")
            .Add(".cmdline", "root=UUID=1 quiet\n\0")
            .Add(".uname", "6.12.0-100.fc42.x86_64")
            .Add(".sbat", "sbat,1,SBAT Version,sbat,1,https://github.com/rhboot/shim/blob/main/SBAT.md\n")
            .Add(".linux", new byte[1000])
            .Add(".initrd", new byte[300])
            .Add(".ucode", new byte[20])
            .Build());

        Assert.Equal("root=UUID=1 quiet", read.Uki.Cmdline);
        Assert.Equal("fedora", read.Uki.OsRelease!["ID"]);
        Assert.Equal("6.12.0-100.fc42.x86_64", read.Uki.Uname);
        Assert.StartsWith("sbat,1,", read.Uki.Sbat, StringComparison.Ordinal);
        Assert.Equal((300L, 20L), (read.Uki.InitrdSize, read.Uki.UcodeSize));
        Assert.Equal(1000, read.Linux!.Value.Length);
        Assert.Null(read.Uki.Profiles);
        Assert.Empty(read.Errors);
    }

    [Fact]
    public void Every_section_is_listed_with_the_sha256_of_its_used_bytes()
    {
        var read = Read(new PeBuilder().Add(".linux", "kernel").Build());

        var section = Assert.Single(read.Uki.Sections);
        Assert.Equal((".linux", 6u, 512u, 512u, 6L), (section.Name, section.VirtualSize, section.RawSize, section.FileOffset, section.Size));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("kernel"u8)), section.Sha256);
    }

    [Fact]
    public void Missing_linux_section_is_an_error_not_a_failure()
    {
        var read = Read(new PeBuilder().Add(".cmdline", "quiet").Build());

        Assert.Equal("quiet", read.Uki.Cmdline);
        Assert.Null(read.Linux);
        Assert.Equal([DiagnosticCode.NotAUki], read.Errors.Select(error => error.Code));
    }

    [Fact]
    public void A_section_outside_the_file_has_no_digest_and_an_error()
    {
        var read = Read(new PeBuilder()
            .Add(".linux", "k")
            .Add(new PeBuilder.Section(".initrd"u8.ToArray(), [1], RawSize: 0x10000, VirtualSize: 0x10000))
            .Build());

        Assert.Null(read.Uki.Sections[1].Sha256);
        Assert.Equal([(DiagnosticCode.SectionOutsideFile, "section .initrd: its data (0x400, 65536 bytes) runs past the end of the file (1536 bytes)")], read.Errors.Select(error => (error.Code, error.Message)));
    }

    [Fact]
    public void A_section_at_a_huge_offset_is_an_error()
    {
        var read = Read(new PeBuilder().Add(new PeBuilder.Section(".linux"u8.ToArray(), [1], Pointer: uint.MaxValue)).Build());

        Assert.Null(read.Linux);
        Assert.Equal(DiagnosticCode.SectionOutsideFile, read.Errors[0].Code);
        Assert.StartsWith("section .linux: ", read.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_sections_are_a_warning()
    {
        var read = Read(new PeBuilder().Add(".linux", new byte[600]).Add(new PeBuilder.Section(".initrd"u8.ToArray(), [1], Pointer: 0x300)).Build());

        Assert.Equal([DiagnosticCode.SectionsOverlap], read.Warnings.Select(warning => warning.Code));
        Assert.Empty(read.Errors);
    }

    [Fact]
    public void Invalid_utf8_is_reported_and_the_text_kept()
    {
        var read = Read(new PeBuilder().Add(".linux", "k").Add(new PeBuilder.Section(".cmdline"u8.ToArray(), [(byte)'a', 0xff, (byte)'b'])).Build());

        Assert.Equal("a\uFFFDb", read.Uki.Cmdline);
        Assert.Equal([(DiagnosticCode.TextNotUtf8, "section .cmdline: not valid UTF-8 at byte 1")], read.Errors.Select(error => (error.Code, error.Message)));
    }

    [Fact]
    public void Profiles_override_the_base_and_profile_zero_is_the_default()
    {
        var read = Read(new PeBuilder()
            .Add(".linux", "k")
            .Add(".cmdline", "base")
            .Add(".profile", "ID=default\nTITLE=Default boot\n")
            .Add(".profile", "ID=rescue\nTITLE=Rescue\n")
            .Add(".cmdline", "rescue systemd.unit=rescue.target")
            .Add(".initrd", "extra")
            .Build());

        Assert.Equal("base", read.Uki.Cmdline);
        Assert.Null(read.Uki.InitrdSize);
        Assert.Equal(
            [new UkiProfile(0, "default", "Default boot", [], null), new UkiProfile(1, "rescue", "Rescue", [".cmdline", ".initrd"], "rescue systemd.unit=rescue.target")],
            read.Uki.Profiles!,
            (x, y) => x.Index == y.Index && x.Id == y.Id && x.Title == y.Title && x.Sections.SequenceEqual(y.Sections) && x.Cmdline == y.Cmdline);
        Assert.Equal([null, null, 0, 1, 1, 1], read.Uki.Sections.Select(section => section.Profile));
    }

    [Fact]
    public void Profile_zero_sections_replace_the_base_ones()
    {
        var read = Read(new PeBuilder().Add(".linux", "k").Add(".cmdline", "base").Add(".profile", "ID=a").Add(".cmdline", "zero").Build());

        Assert.Equal("zero", read.Uki.Cmdline);
    }

    [Fact]
    public void Effective_cmdline_appends_addons_in_order_and_skips_empty_ones()
    {
        UkiAddon[] addons = [Addon("quiet"), Addon(null), Addon("  "), Addon("loglevel=3")];

        Assert.Equal("root=/dev/vda quiet loglevel=3", UkiReader.EffectiveCmdline("root=/dev/vda", addons));
        Assert.Null(UkiReader.EffectiveCmdline(null, []));
    }

    [Fact]
    public void An_addon_reports_its_sections()
    {
        var bytes = new PeBuilder().Add(".cmdline", "quiet\n").Add(".initrd", new byte[40]).Add(".dtb", new byte[8]).Build();

        var addon = UkiReader.ReadAddon(ImagePath.Parse("x.addon.efi"), FileRange.Of(new MemoryStream(bytes)));

        Assert.Equal(("quiet", 40L, (long?)null, 8L), (addon.Cmdline, addon.InitrdSize, addon.UcodeSize, addon.DtbSize));
        Assert.Empty(addon.Errors);
    }

    private static UkiAddon Addon(string? cmdline) => new(ImagePath.Parse("a"), cmdline, null, null, null, PeSignature.Unsigned, []);

    private static Result Read(byte[] bytes)
    {
        var file = FileRange.Of(new MemoryStream(bytes));
        var errors = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        var (uki, linux, _) = UkiReader.Read(UkiImage.Read(file), errors, warnings);
        return new Result(uki, linux, errors, warnings);
    }

    private sealed record Result(UkiDescription Uki, FileRange? Linux, List<Diagnostic> Errors, List<Diagnostic> Warnings);
}
