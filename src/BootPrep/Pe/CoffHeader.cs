using System.Buffers.Binary;

namespace BootPrep.Pe;

/// <summary>The 20-byte COFF file header that follows the "PE\0\0" signature (PE format specification, "COFF File Header").</summary>
public readonly struct CoffHeader
{
    /// <summary>The header's size in bytes.</summary>
    public const int Size = 20;

    private const int MachineOffset = 0;
    private const int NumberOfSectionsOffset = 2;
    private const int SizeOfOptionalHeaderOffset = 16;

    /// <summary>Parses the first <see cref="Size"/> bytes of <paramref name="header"/>, which the caller has checked are there.</summary>
    public CoffHeader(ReadOnlySpan<byte> header)
    {
        Machine = BinaryPrimitives.ReadUInt16LittleEndian(header[MachineOffset..]);
        NumberOfSections = BinaryPrimitives.ReadUInt16LittleEndian(header[NumberOfSectionsOffset..]);
        SizeOfOptionalHeader = BinaryPrimitives.ReadUInt16LittleEndian(header[SizeOfOptionalHeaderOffset..]);
    }

    /// <summary>The machine type (0x8664 for x86-64, 0xaa64 for arm64, …).</summary>
    public ushort Machine { get; }

    /// <summary>How many entries the section table has.</summary>
    public ushort NumberOfSections { get; }

    /// <summary>The size of the optional header, which the section table follows.</summary>
    public ushort SizeOfOptionalHeader { get; }
}
