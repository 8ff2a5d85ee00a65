using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Pe;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Pe;

public sealed class PeImageTests
{
    [Fact]
    public void Reads_sections_in_file_order_with_their_fields()
    {
        var pe = Read(new PeBuilder().Add(".osrel", "ID=test\n").Add(".linux", new byte[700]).Build());

        Assert.Equal([".osrel", ".linux"], pe.Sections.Select(section => section.Name));
        var linux = pe.Sections[1];
        Assert.Equal((700u, 1024u, 1024L, 700L), (linux.VirtualSize, linux.SizeOfRawData, (long)linux.PointerToRawData, linux.DataSize));
    }

    [Fact]
    public void Zero_sections_is_a_valid_image()
    {
        Assert.Empty(Read(new PeBuilder().Build()).Sections);
    }

    [Fact]
    public void An_eight_character_name_has_no_terminator_and_is_read_whole()
    {
        var pe = Read(new PeBuilder().Add(".abcdefg", "x").Add(".linux12345", "y").Build());

        Assert.Equal([".abcdefg", ".linux12"], pe.Sections.Select(section => section.Name));
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_escaped()
    {
        var pe = Read(new PeBuilder().Add(new PeBuilder.Section([0x2e, 0xff, 0x41], [1])).Build());

        Assert.Equal(".\\xffA", pe.Sections[0].Name);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Pe32_and_pe32_plus_are_told_apart(bool pe32, bool expectedPlus)
    {
        var builder = new PeBuilder().Add(".cmdline", "quiet");
        var pe = Read((pe32 ? builder.Pe32() : builder).Build());

        Assert.Equal(expectedPlus, pe.Pe32Plus);
        Assert.Equal(".cmdline", Assert.Single(pe.Sections).Name);
    }

    [Fact]
    public void Virtual_size_larger_than_raw_size_reads_only_the_raw_bytes()
    {
        var pe = Read(new PeBuilder().Add(new PeBuilder.Section(".linux"u8.ToArray(), new byte[16], VirtualSize: uint.MaxValue)).Build());

        Assert.Equal(512, pe.Sections[0].DataSize);
    }

    [Theory]
    [InlineData(0, "no DOS header")]
    [InlineData(0x3e, "e_lfanew at 0x3c lies past the end")]
    [InlineData(0x50, "e_lfanew points at 0x40, past the end")]
    [InlineData(0x60, "too short")]
    [InlineData(0x150, "section table (2 sections at 0x148) runs past the end")]
    public void Truncated_files_name_what_is_cut(int length, string expected)
    {
        var file = new PeBuilder().Add(".a", "1").Add(".b", "2").Build()[..length];

        var error = Assert.Throws<KernelFormatException>(() => Read(file));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_signature_is_named()
    {
        var file = new PeBuilder().Build();
        file[PeBuilder.HeaderOffset] = (byte)'X';

        Assert.Contains("no \"PE\\0\\0\" signature", Assert.Throws<KernelFormatException>(() => Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_optional_header_magic_is_named()
    {
        var file = new PeBuilder().Build();
        file[PeBuilder.HeaderOffset + 24] = 0x07;

        Assert.Contains("optional header magic is 0x207", Assert.Throws<KernelFormatException>(() => Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_96_sections_is_refused_as_systemd_stub_does()
    {
        var file = new PeBuilder().Build();
        file[PeBuilder.HeaderOffset + 6] = 0xff;
        file[PeBuilder.HeaderOffset + 7] = 0xff;

        Assert.Equal("NumberOfSections is 65535; a PE image has at most 96", Assert.Throws<KernelFormatException>(() => Read(file)).Message);
    }

    private static PeImage Read(byte[] bytes) => PeImage.Read(FileRange.Of(new MemoryStream(bytes)));
}
