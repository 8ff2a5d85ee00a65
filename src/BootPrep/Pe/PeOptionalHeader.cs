using System.Buffers.Binary;
using BootPrep.Errors;

namespace BootPrep.Pe;

/// <summary>
/// What BootPrep reads of the optional header (PE format specification, "Optional Header"): whether it is PE32 or
/// PE32+, and the certificate table, the fifth data directory.
/// </summary>
public readonly struct PeOptionalHeader
{
    private const int MagicOffset = 0;
    private const ushort Pe32Magic = 0x10b;
    private const ushort Pe32PlusMagic = 0x20b;

    // NumberOfRvaAndSizes and the data directories follow the Windows-specific fields, whose size differs by kind.
    private const int Pe32RvaCountOffset = 92;
    private const int Pe32PlusRvaCountOffset = 108;
    private const int DataDirectorySize = 8;
    private const int CertificateTableIndex = 4;

    private PeOptionalHeader(bool pe32Plus, PeDataDirectory? certificateTable)
    {
        Pe32Plus = pe32Plus;
        CertificateTable = certificateTable;
    }

    /// <summary>True for PE32+ (64-bit), false for PE32.</summary>
    public bool Pe32Plus { get; }

    /// <summary>The certificate table (a file offset, unlike every other data directory), or null when there is none.</summary>
    public PeDataDirectory? CertificateTable { get; }

    /// <summary>
    /// Parses the optional header of <paramref name="size"/> bytes (the COFF header's SizeOfOptionalHeader) at the start
    /// of <paramref name="available"/>, the bytes the file has from there; throws <see cref="KernelFormatException"/>
    /// naming the field that is wrong.
    /// </summary>
    public static PeOptionalHeader Read(ReadOnlySpan<byte> available, ushort size)
    {
        var magic = size >= 2 && available.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(available[MagicOffset..]) : (ushort)0;
        var pe32Plus = magic switch
        {
            Pe32Magic => false,
            Pe32PlusMagic => true,
            _ => throw new KernelFormatException(PeImage.Format, $"optional header magic is 0x{magic:x}, not 0x10b (PE32) or 0x20b (PE32+)"),
        };

        var countOffset = pe32Plus ? Pe32PlusRvaCountOffset : Pe32RvaCountOffset;
        var directoriesOffset = countOffset + 4;
        if (size < directoriesOffset || available.Length < size)
        {
            throw new KernelFormatException(PeImage.Format, $"optional header of {size} bytes is too short for a {(pe32Plus ? "PE32+" : "PE32")} header or runs past the end of the file");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(available[countOffset..]);
        var fits = (size - directoriesOffset) / DataDirectorySize;
        if (count <= CertificateTableIndex || fits <= CertificateTableIndex)
        {
            return new PeOptionalHeader(pe32Plus, null);
        }

        var entry = available[(directoriesOffset + (CertificateTableIndex * DataDirectorySize))..];
        var certificates = new PeDataDirectory(BinaryPrimitives.ReadUInt32LittleEndian(entry), BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]));
        return new PeOptionalHeader(pe32Plus, certificates.Size == 0 ? null : certificates);
    }
}
