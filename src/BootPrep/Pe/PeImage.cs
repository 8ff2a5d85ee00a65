using System.Buffers.Binary;
using BootPrep.Binary;
using BootPrep.Errors;

namespace BootPrep.Pe;

/// <summary>
/// The headers of a PE/COFF image (a UKI, an EFI stub, an EFI-bootable kernel): machine, optional-header kind,
/// section table and certificate table. Every offset and count is checked against the file before it is used, so
/// a hostile file costs at most its own size.
/// </summary>
public sealed class PeImage
{
    /// <summary>The format name in errors.</summary>
    public const string Format = "PE";

    private const int DosMagicOffset = 0x00;
    private const int NewHeaderPointerOffset = 0x3c;
    private const int CoffHeaderSize = 20;
    private const int SectionHeaderSize = 40;
    private const int DataDirectorySize = 8;
    private const int CertificateTableIndex = 4;
    private const ushort Pe32Magic = 0x10b;

    /// <summary>The most sections a PE may have: the limit of the Windows loader, which systemd-stub applies too.</summary>
    public const int MaxSections = 96;
    private const ushort Pe32PlusMagic = 0x20b;

    private PeImage(ushort machine, bool pe32Plus, IReadOnlyList<PeSection> sections, PeDataDirectory? certificateTable)
    {
        Machine = machine;
        Pe32Plus = pe32Plus;
        Sections = sections;
        CertificateTable = certificateTable;
    }

    /// <summary>The COFF machine type (0x8664 for x86-64, 0xaa64 for arm64, …).</summary>
    public ushort Machine { get; }

    /// <summary>True for PE32+ (64-bit optional header), false for PE32.</summary>
    public bool Pe32Plus { get; }

    /// <summary>The section table in file order.</summary>
    public IReadOnlyList<PeSection> Sections { get; }

    /// <summary>The Authenticode certificate table (a file offset, unlike every other data directory), or null when there is none.</summary>
    public PeDataDirectory? CertificateTable { get; }

    /// <summary>True when <paramref name="header"/>, the first bytes of a file, starts with the DOS header magic "MZ".</summary>
    public static bool HasDosMagic(ReadOnlySpan<byte> header) => header[DosMagicOffset..].StartsWith("MZ"u8);

    /// <summary>True when <paramref name="file"/> starts with the DOS header magic "MZ".</summary>
    public static bool HasDosMagic(FileRange file)
    {
        Span<byte> magic = stackalloc byte[2];
        file.ReadAt(DosMagicOffset, magic);
        return HasDosMagic(magic);
    }

    /// <summary>Reads the headers of <paramref name="file"/>; throws <see cref="KernelFormatException"/> naming the field that is wrong.</summary>
    public static PeImage Read(FileRange file)
    {
        if (!HasDosMagic(file))
        {
            throw Bad("no DOS header: the file does not start with \"MZ\"");
        }

        var peOffset = ReadUInt32(file, NewHeaderPointerOffset, "e_lfanew");
        Span<byte> signature = stackalloc byte[4 + CoffHeaderSize];
        if (!file.Contains(peOffset, signature.Length) || file.ReadAt(peOffset, signature) != signature.Length)
        {
            throw Bad($"e_lfanew points at 0x{peOffset:x}, past the end of the file ({file.Length} bytes)");
        }

        if (!signature[..4].SequenceEqual("PE\0\0"u8))
        {
            throw Bad($"no \"PE\\0\\0\" signature at e_lfanew (0x{peOffset:x})");
        }

        var coff = signature[4..];
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(coff);
        var sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(coff[2..]);
        var optionalHeaderSize = BinaryPrimitives.ReadUInt16LittleEndian(coff[16..]);
        var optionalHeader = peOffset + 4 + CoffHeaderSize;
        if (sectionCount > MaxSections)
        {
            throw Bad($"NumberOfSections is {sectionCount}; a PE image has at most {MaxSections}");
        }

        var (pe32Plus, certificateTable) = ReadOptionalHeader(file, optionalHeader, optionalHeaderSize);
        var sectionTable = optionalHeader + optionalHeaderSize;
        if (!file.Contains(sectionTable, (long)sectionCount * SectionHeaderSize))
        {
            throw Bad($"the section table ({sectionCount} sections at 0x{sectionTable:x}) runs past the end of the file ({file.Length} bytes)");
        }

        return new PeImage(machine, pe32Plus, ReadSections(file, sectionTable, sectionCount), certificateTable);
    }

    private static (bool Pe32Plus, PeDataDirectory? CertificateTable) ReadOptionalHeader(FileRange file, long offset, ushort size)
    {
        var magic = size >= 2 && file.Contains(offset, 2) ? ReadUInt16(file, offset) : (ushort)0;
        var pe32Plus = magic switch
        {
            Pe32Magic => false,
            Pe32PlusMagic => true,
            _ => throw Bad($"optional header magic is 0x{magic:x}, not 0x10b (PE32) or 0x20b (PE32+)"),
        };

        // The directory count and the directories follow the Windows-specific fields, whose size differs by kind.
        var countOffset = pe32Plus ? 108 : 92;
        var directoriesOffset = countOffset + 4;
        if (size < directoriesOffset || !file.Contains(offset, size))
        {
            throw Bad($"optional header of {size} bytes is too short for a {(pe32Plus ? "PE32+" : "PE32")} header or runs past the end of the file");
        }

        var count = ReadUInt32(file, offset + countOffset, "NumberOfRvaAndSizes");
        var fits = (size - directoriesOffset) / DataDirectorySize;
        if (count <= CertificateTableIndex || fits <= CertificateTableIndex)
        {
            return (pe32Plus, null);
        }

        var entry = offset + directoriesOffset + (CertificateTableIndex * DataDirectorySize);
        var certificates = new PeDataDirectory(ReadUInt32(file, entry, "certificate table offset"), ReadUInt32(file, entry + 4, "certificate table size"));
        return (pe32Plus, certificates.Size == 0 ? null : certificates);
    }

    private static PeSection[] ReadSections(FileRange file, long table, int count)
    {
        var sections = new PeSection[count];
        Span<byte> header = stackalloc byte[SectionHeaderSize];
        for (var index = 0; index < count; index++)
        {
            file.ReadAt(table + ((long)index * SectionHeaderSize), header);
            var name = header[..8];
            var end = name.IndexOf((byte)0);
            sections[index] = new PeSection(
                index,
                SectionName(end < 0 ? name : name[..end]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[12..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[16..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[20..]));
        }

        return sections;
    }

    private static string SectionName(ReadOnlySpan<byte> name) => Utf8Text.TryDecode(name) ?? Utf8Text.Escape(name);

    private static ushort ReadUInt16(FileRange file, long offset)
    {
        Span<byte> bytes = stackalloc byte[2];
        file.ReadAt(offset, bytes);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
    }

    private static uint ReadUInt32(FileRange file, long offset, string field)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (file.ReadAt(offset, bytes) != bytes.Length)
        {
            throw Bad($"{field} at 0x{offset:x} lies past the end of the file ({file.Length} bytes)");
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    private static KernelFormatException Bad(string message) => new(Format, message);
}
