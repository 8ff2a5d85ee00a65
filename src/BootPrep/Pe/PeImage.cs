using System.Buffers;
using System.Buffers.Binary;
using BootPrep.Binary;
using BootPrep.Errors;

namespace BootPrep.Pe;

/// <summary>
/// The headers of a PE/COFF image (a UKI, an EFI stub, an EFI-bootable kernel): machine, optional-header kind,
/// section table and certificate table. They are read in two reads (the DOS header, then everything from e_lfanew
/// to the end of the section table) and parsed at named offsets; every offset and count is checked against the file
/// before it is used, so a hostile file costs at most its own size.
/// </summary>
public sealed class PeImage
{
    /// <summary>The format name in errors.</summary>
    public const string Format = "PE";

    /// <summary>The most sections a PE may have: the limit of the Windows loader, which systemd-stub applies too.</summary>
    public const int MaxSections = 96;

    private const int DosMagicOffset = 0x00;
    private const int NewHeaderPointerOffset = 0x3c;
    private const int DosHeaderSize = NewHeaderPointerOffset + 4;
    private const int SignatureSize = 4;
    private const int OptionalHeaderOffset = SignatureSize + CoffHeader.Size;

    // The signature, the COFF header, the largest optional header and the largest section table.
    private const int MaxHeadersSize = OptionalHeaderOffset + ushort.MaxValue + (MaxSections * PeSection.HeaderSize);

    private PeImage(CoffHeader coff, PeOptionalHeader optional, IReadOnlyList<PeSection> sections)
    {
        Machine = coff.Machine;
        Pe32Plus = optional.Pe32Plus;
        Sections = sections;
        CertificateTable = optional.CertificateTable;
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

    /// <summary>Reads the headers of <paramref name="file"/>; throws <see cref="KernelFormatException"/> naming the field that is wrong.</summary>
    public static PeImage Read(FileRange file)
    {
        Span<byte> dos = stackalloc byte[DosHeaderSize];
        var dosRead = file.ReadAt(0, dos);
        if (!HasDosMagic(dos))
        {
            throw Bad("no DOS header: the file does not start with \"MZ\"");
        }

        if (dosRead < DosHeaderSize)
        {
            throw Bad($"e_lfanew at 0x{NewHeaderPointerOffset:x} lies past the end of the file ({file.Length} bytes)");
        }

        long peOffset = BinaryPrimitives.ReadUInt32LittleEndian(dos[NewHeaderPointerOffset..]);
        var length = (int)Math.Clamp(file.Length - peOffset, 0, MaxHeadersSize);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return Parse(buffer.AsSpan(0, file.ReadAt(peOffset, buffer.AsSpan(0, length))), peOffset, file.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses <paramref name="headers"/>, the bytes of the file from <paramref name="peOffset"/> (e_lfanew) on, as far as any header can reach.</summary>
    private static PeImage Parse(ReadOnlySpan<byte> headers, long peOffset, long fileLength)
    {
        if (headers.Length < OptionalHeaderOffset)
        {
            throw Bad($"e_lfanew points at 0x{peOffset:x}, past the end of the file ({fileLength} bytes)");
        }

        if (!headers.StartsWith("PE\0\0"u8))
        {
            throw Bad($"no \"PE\\0\\0\" signature at e_lfanew (0x{peOffset:x})");
        }

        var coff = new CoffHeader(headers[SignatureSize..]);
        if (coff.NumberOfSections > MaxSections)
        {
            throw Bad($"NumberOfSections is {coff.NumberOfSections}; a PE image has at most {MaxSections}");
        }

        var optional = PeOptionalHeader.Read(headers[OptionalHeaderOffset..], coff.SizeOfOptionalHeader);
        var sectionTable = OptionalHeaderOffset + coff.SizeOfOptionalHeader;
        var tableSize = coff.NumberOfSections * PeSection.HeaderSize;
        if (headers.Length - sectionTable < tableSize)
        {
            throw Bad($"the section table ({coff.NumberOfSections} sections at 0x{peOffset + sectionTable:x}) runs past the end of the file ({fileLength} bytes)");
        }

        var sections = new PeSection[coff.NumberOfSections];
        for (var index = 0; index < sections.Length; index++)
        {
            sections[index] = PeSection.Read(headers.Slice(sectionTable + (index * PeSection.HeaderSize), PeSection.HeaderSize), index);
        }

        return new PeImage(coff, optional, sections);
    }

    private static KernelFormatException Bad(string message) => new(Format, message);
}
