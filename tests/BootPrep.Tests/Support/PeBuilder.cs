using System.Buffers.Binary;
using System.Text;

namespace BootPrep.Tests.Support;

/// <summary>
/// Builds small synthetic PE/COFF files for the edge cases the real UKI does not have: any section names, sizes and
/// offsets (inside the file or not), PE32 or PE32+, a certificate table of given bytes.
/// </summary>
internal sealed class PeBuilder
{
    public const int HeaderOffset = 0x40;
    private const int FileAlignment = 0x200;

    private readonly List<Section> _sections = [];
    private bool _pe32;
    private byte[]? _certificates;

    /// <summary>One section: its data, and any field to state differently from what the data implies.</summary>
    public sealed record Section(byte[] Name, byte[] Data, uint? VirtualSize = null, uint? RawSize = null, uint? Pointer = null);

    public PeBuilder Pe32()
    {
        _pe32 = true;
        return this;
    }

    public PeBuilder Add(string name, string text) => Add(new Section(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(text)));

    public PeBuilder Add(string name, byte[] data) => Add(new Section(Encoding.UTF8.GetBytes(name), data));

    public PeBuilder Add(Section section)
    {
        _sections.Add(section);
        return this;
    }

    /// <summary>Appends a certificate table holding one WIN_CERTIFICATE with <paramref name="pkcs7"/> (PKCS signed data).</summary>
    public PeBuilder Certificates(byte[] pkcs7)
    {
        var entry = new byte[(8 + pkcs7.Length + 7) & ~7];
        BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)(8 + pkcs7.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(4), 0x0200);
        BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(6), 0x0002);
        pkcs7.CopyTo(entry, 8);
        _certificates = entry;
        return this;
    }

    public byte[] Build()
    {
        var optionalHeaderSize = _pe32 ? 96 + (16 * 8) : 112 + (16 * 8);
        var tableOffset = HeaderOffset + 24 + optionalHeaderSize;
        var headersEnd = Align(tableOffset + (40 * _sections.Count));
        var dataEnd = headersEnd + _sections.Sum(section => Align(section.Data.Length));
        var file = new byte[dataEnd + (_certificates?.Length ?? 0)];
        "MZ"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(0x3c), HeaderOffset);
        "PE\0\0"u8.CopyTo(file.AsSpan(HeaderOffset));
        var coff = file.AsSpan(HeaderOffset + 4);
        BinaryPrimitives.WriteUInt16LittleEndian(coff, 0x8664);
        BinaryPrimitives.WriteUInt16LittleEndian(coff[2..], (ushort)_sections.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(coff[16..], (ushort)optionalHeaderSize);
        var optional = file.AsSpan(HeaderOffset + 24);
        BinaryPrimitives.WriteUInt16LittleEndian(optional, _pe32 ? (ushort)0x10b : (ushort)0x20b);
        var countOffset = _pe32 ? 92 : 108;
        BinaryPrimitives.WriteUInt32LittleEndian(optional[countOffset..], 16);
        if (_certificates is not null)
        {
            var directory = optional[(countOffset + 4 + (4 * 8))..];
            BinaryPrimitives.WriteUInt32LittleEndian(directory, (uint)dataEnd);
            BinaryPrimitives.WriteUInt32LittleEndian(directory[4..], (uint)_certificates.Length);
            _certificates.CopyTo(file, dataEnd);
        }

        var pointer = headersEnd;
        for (var index = 0; index < _sections.Count; index++)
        {
            var section = _sections[index];
            var header = file.AsSpan(tableOffset + (40 * index), 40);
            section.Name.AsSpan(0, Math.Min(8, section.Name.Length)).CopyTo(header);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], section.VirtualSize ?? (uint)section.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)(0x1000 * (index + 1)));
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], section.RawSize ?? (uint)Align(section.Data.Length));
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], section.Pointer ?? (uint)pointer);
            section.Data.CopyTo(file, pointer);
            pointer += Align(section.Data.Length);
        }

        return file;
    }

    private static int Align(int size) => (size + FileAlignment - 1) / FileAlignment * FileAlignment;
}
