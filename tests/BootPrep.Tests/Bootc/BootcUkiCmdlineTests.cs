using System.Buffers.Binary;
using System.Text;
using BootPrep.Binary;
using BootPrep.Bootc;
using BootPrep.Files;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Bootc;

/// <summary>
/// The .cmdline read bootc 1.16 makes of a UKI (composefs-boot's uki::get_section_buffered): only the PE offset,
/// the PE signature and the whole section table are checked, and VirtualSize bytes are read and must be UTF-8.
/// </summary>
public sealed class BootcUkiCmdlineTests
{
    private const string UkiPath = "boot/EFI/Linux/test.efi";

    [Fact]
    public void Utf8_cmdline_is_read()
    {
        var pe = new SyntheticPe([new(".osrel", "ID=test\n"), new(".cmdline", "root=/dev/vda2 ro quiet lang=fr_FR.UTF-8 é")]);

        Assert.Null(Check(pe.Build()));
    }

    [Fact]
    public void Missing_cmdline_is_fine()
    {
        var pe = new SyntheticPe([new(".osrel", "ID=test\n"), new(".linux", [0xff, 0xfe])]);

        Assert.Null(Check(pe.Build()));
    }

    [Fact]
    public void Zero_sections_is_fine()
    {
        Assert.Null(Check(new SyntheticPe([]).Build()));
    }

    [Fact]
    public void Empty_cmdline_is_read()
    {
        var pe = new SyntheticPe([new(".cmdline", "")]);

        Assert.Null(Check(pe.Build()));
    }

    [Fact]
    public void File_shorter_than_the_dos_header_is_not_a_pe()
    {
        var bytes = new SyntheticPe([]).Build()[..63];

        Assert.Equal(BootcRefusalCode.NotAPe, Check(bytes)?.Code);
    }

    [Fact]
    public void Refusal_names_the_uki()
    {
        var refusal = Check(new byte[10]);

        Assert.Equal((BootcRefusalCode.NotAPe, UkiPath), (refusal?.Code, refusal?.Path.ToString()));
    }

    [Fact]
    public void Missing_mz_magic_is_not_checked()
    {
        var pe = new SyntheticPe([new(".cmdline", "quiet")]) { Mz = false };

        Assert.Null(Check(pe.Build()));
    }

    [Fact]
    public void Wrong_pe_signature_is_not_a_pe()
    {
        var pe = new SyntheticPe([new(".cmdline", "quiet")]) { Signature = "PE\0\u0001"u8.ToArray() };

        Assert.Equal(BootcRefusalCode.NotAPe, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Pe_offset_past_the_end_of_the_file_is_not_a_pe()
    {
        var pe = new SyntheticPe([new(".cmdline", "quiet")]) { PeOffset = 0x10000 };

        Assert.Equal(BootcRefusalCode.NotAPe, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Pe_header_cut_by_the_end_of_the_file_is_not_a_pe()
    {
        var bytes = new SyntheticPe([]).Build()[..(SyntheticPe.DefaultPeOffset + 20)];

        Assert.Equal(BootcRefusalCode.NotAPe, Check(bytes)?.Code);
    }

    [Fact]
    public void Section_table_past_the_end_is_not_a_pe_even_when_cmdline_is_its_first_section()
    {
        var pe = new SyntheticPe([new(".cmdline", "quiet")]) { NumberOfSections = 1000 };

        Assert.Equal(BootcRefusalCode.NotAPe, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Optional_header_size_that_puts_the_section_table_past_the_end_is_not_a_pe()
    {
        var pe = new SyntheticPe([new(".cmdline", "quiet")]) { DeclaredOptionalHeaderSize = 0xffff };

        Assert.Equal(BootcRefusalCode.NotAPe, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Section_table_is_found_after_the_optional_header_of_the_declared_size()
    {
        var pe = new SyntheticPe([new(".cmdline", [0xff])]) { OptionalHeaderSize = 96 };

        Assert.Equal(BootcRefusalCode.NotUtf8, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Cmdline_data_one_byte_past_the_end_is_not_a_pe()
    {
        var pe = new SyntheticPe([new(".cmdline", "quiet") { VirtualSize = 6 }]);

        Assert.Equal(BootcRefusalCode.NotAPe, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Cmdline_pointer_past_the_end_is_not_a_pe()
    {
        var pe = new SyntheticPe([new(".cmdline", "quiet") { Pointer = 0x100000 }]);

        Assert.Equal(BootcRefusalCode.NotAPe, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Virtual_size_beyond_the_raw_data_reads_the_bytes_after_it()
    {
        var pe = new SyntheticPe([new(".cmdline", "quiet") { VirtualSize = 6 }, new(".data", [0xff])]);

        Assert.Equal(BootcRefusalCode.NotUtf8, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Virtual_size_below_the_raw_data_reads_only_virtual_size_bytes()
    {
        var pe = new SyntheticPe([new(".cmdline", [.. "quiet"u8, 0xff]) { VirtualSize = 5 }]);

        Assert.Null(Check(pe.Build()));
    }

    [Fact]
    public void Invalid_utf8_cmdline_is_not_utf8()
    {
        var pe = new SyntheticPe([new(".cmdline", [.. "quiet "u8, 0xc3, 0x28])]);

        var refusal = Check(pe.Build());

        Assert.Equal((BootcRefusalCode.NotUtf8, UkiPath), (refusal?.Code, refusal?.Path.ToString()));
    }

    [Fact]
    public void Multi_byte_character_cut_by_the_end_of_the_cmdline_is_not_utf8()
    {
        var pe = new SyntheticPe([new(".cmdline", [.. "quiet "u8, 0xc3])]);

        Assert.Equal(BootcRefusalCode.NotUtf8, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Multi_byte_character_across_the_64_kib_read_boundary_is_utf8()
    {
        var text = new string('a', 65535) + "é" + new string('b', 100);
        Assert.Equal(new byte[] { 0xc3, 0xa9 }, Encoding.UTF8.GetBytes(text)[65535..65537]);
        var pe = new SyntheticPe([new(".cmdline", text)]);

        Assert.Null(Check(pe.Build()));
    }

    [Fact]
    public void Invalid_utf8_after_the_first_64_kib_is_not_utf8()
    {
        var pe = new SyntheticPe([new(".cmdline", [.. Encoding.UTF8.GetBytes(new string('a', 70000)), 0xff])]);

        Assert.Equal(BootcRefusalCode.NotUtf8, Check(pe.Build())?.Code);
    }

    [Fact]
    public void Seven_character_name_with_a_nul_is_not_cmdline()
    {
        var pe = new SyntheticPe([new(".cmdlin\0"u8.ToArray(), [0xff])]);

        Assert.Null(Check(pe.Build()));
    }

    [Fact]
    public void Only_the_first_cmdline_section_is_read()
    {
        var pe = new SyntheticPe([new(".cmdline", "quiet"), new(".cmdline", [0xff])]);

        Assert.Null(Check(pe.Build()));
    }

    [Fact]
    public void Debian_uki_is_read()
    {
        using var stream = File.OpenRead(DebianKernel.Uki);

        Assert.Null(BootcUkiCmdline.Check(FileRange.Of(stream), ImagePath.Parse(UkiPath)));
    }

    private static BootcRefusal? Check(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return BootcUkiCmdline.Check(FileRange.Of(stream), ImagePath.Parse(UkiPath));
    }

    /// <summary>One section: its name (8 bytes, NUL-padded), its data, and fields to state unlike the data.</summary>
    private sealed record Section(byte[] Name, byte[] Data)
    {
        public Section(string name, string text)
            : this(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(text))
        {
        }

        public Section(string name, byte[] data)
            : this(Encoding.UTF8.GetBytes(name), data)
        {
        }

        public uint? VirtualSize { get; init; }

        public uint? Pointer { get; init; }
    }

    /// <summary>
    /// A minimal PE file: DOS header, "PE\0\0" and the COFF header at <see cref="PeOffset"/>, a zeroed optional
    /// header, the section table after it, then each section's data in order, unaligned.
    /// </summary>
    private sealed record SyntheticPe(IReadOnlyList<Section> Sections)
    {
        public const int DefaultPeOffset = 0x80;

        public bool Mz { get; init; } = true;

        public byte[] Signature { get; init; } = "PE\0\0"u8.ToArray();

        /// <summary>Where the DOS header says the PE header is; the headers are written at <see cref="DefaultPeOffset"/> when it is further.</summary>
        public uint PeOffset { get; init; } = DefaultPeOffset;

        public ushort OptionalHeaderSize { get; init; } = 240;

        public ushort? DeclaredOptionalHeaderSize { get; init; }

        public ushort? NumberOfSections { get; init; }

        public byte[] Build()
        {
            var peOffset = (int)Math.Min(PeOffset, DefaultPeOffset);
            var table = peOffset + 24 + OptionalHeaderSize;
            var data = table + (40 * Sections.Count);
            var file = new byte[data + Sections.Sum(section => section.Data.Length)];

            if (Mz)
            {
                "MZ"u8.CopyTo(file);
            }

            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(0x3c), PeOffset);
            Signature.CopyTo(file, peOffset);
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(peOffset + 4), 0x8664);
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(peOffset + 6), NumberOfSections ?? (ushort)Sections.Count);
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(peOffset + 20), DeclaredOptionalHeaderSize ?? OptionalHeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(peOffset + 24), 0x20b);

            for (var i = 0; i < Sections.Count; i++)
            {
                var section = Sections[i];
                var header = file.AsSpan(table + (40 * i), 40);
                section.Name.AsSpan(0, Math.Min(8, section.Name.Length)).CopyTo(header);
                BinaryPrimitives.WriteUInt32LittleEndian(header[8..], section.VirtualSize ?? (uint)section.Data.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)(0x1000 * (i + 1)));
                BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)section.Data.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(header[20..], section.Pointer ?? (uint)data);
                section.Data.CopyTo(file, data);
                data += section.Data.Length;
            }

            return file;
        }
    }
}
