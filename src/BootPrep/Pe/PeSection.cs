using System.Buffers.Binary;
using BootPrep.Binary;

namespace BootPrep.Pe;

/// <summary>One entry of a PE section table, as the file states it (nothing here is checked against the file).</summary>
/// <param name="Index">Its place in the section table, from 0.</param>
/// <param name="Name">The 8-byte name up to its first NUL; bytes that are not UTF-8 appear as \xNN.</param>
/// <param name="VirtualSize">The size in memory.</param>
/// <param name="VirtualAddress">Where it is loaded, relative to the image base.</param>
/// <param name="SizeOfRawData">The size of its data in the file.</param>
/// <param name="PointerToRawData">Where its data starts in the file.</param>
public sealed record PeSection(int Index, string Name, uint VirtualSize, uint VirtualAddress, uint SizeOfRawData, uint PointerToRawData)
{
    /// <summary>The size of a section header in bytes.</summary>
    public const int HeaderSize = 40;

    private const int NameLength = 8;
    private const int VirtualSizeOffset = 8;
    private const int VirtualAddressOffset = 12;
    private const int SizeOfRawDataOffset = 16;
    private const int PointerToRawDataOffset = 20;

    /// <summary>
    /// The bytes a loader takes from the file: <c>min(VirtualSize, SizeOfRawData)</c>, as systemd-stub and
    /// kexec-tools read a UKI section (the raw size is padded to the file alignment).
    /// </summary>
    public long DataSize => Math.Min(VirtualSize, SizeOfRawData);

    /// <summary>Parses the section header at the start of <paramref name="header"/> (<see cref="HeaderSize"/> bytes), entry <paramref name="index"/> of its table.</summary>
    public static PeSection Read(ReadOnlySpan<byte> header, int index)
    {
        var name = header[..NameLength];
        var end = name.IndexOf((byte)0);
        name = end < 0 ? name : name[..end];
        return new PeSection(
            index,
            Utf8Text.TryDecode(name) ?? Utf8Text.Escape(name),
            BinaryPrimitives.ReadUInt32LittleEndian(header[VirtualSizeOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[VirtualAddressOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[SizeOfRawDataOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[PointerToRawDataOffset..]));
    }
}
