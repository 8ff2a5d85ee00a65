using System.Buffers.Binary;
using BootPrep.Errors;
using BootPrep.Pe;

namespace BootPrep.Tests.Pe;

public sealed class PeOptionalHeaderTests
{
    [Theory]
    [InlineData(0x20b, 112, true)]
    [InlineData(0x10b, 96, false)]
    public void The_certificate_table_is_the_fifth_directory_after_the_kind_specific_fields(ushort magic, int directories, bool pe32Plus)
    {
        var header = Header(magic, directories, count: 16);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(directories + 32), 0x1234);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(directories + 36), 0x80);

        var optional = PeOptionalHeader.Read(header, (ushort)header.Length);

        Assert.Equal((pe32Plus, new PeDataDirectory(0x1234, 0x80)), (optional.Pe32Plus, optional.CertificateTable));
    }

    [Fact]
    public void Fewer_than_five_directories_have_no_certificate_table()
    {
        var header = Header(0x20b, 112, count: 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(112 + 36), 0x80);

        Assert.Null(PeOptionalHeader.Read(header, (ushort)header.Length).CertificateTable);
    }

    [Fact]
    public void An_empty_certificate_table_is_none()
    {
        Assert.Null(PeOptionalHeader.Read(Header(0x20b, 112, count: 16), 112 + 128).CertificateTable);
    }

    [Fact]
    public void A_header_the_file_cuts_short_is_named()
    {
        var header = Header(0x20b, 112, count: 16);

        var error = Assert.Throws<KernelFormatException>(() => PeOptionalHeader.Read(header.AsSpan(0, 100), (ushort)header.Length));

        Assert.Equal(("PE", "optional header of 240 bytes is too short for a PE32+ header or runs past the end of the file"), (error.Format, error.Message));
    }

    [Fact]
    public void An_unknown_magic_is_named()
    {
        var error = Assert.Throws<KernelFormatException>(() => PeOptionalHeader.Read(Header(0x107, 112, count: 16), 240));

        Assert.Equal("optional header magic is 0x107, not 0x10b (PE32) or 0x20b (PE32+)", error.Message);
    }

    /// <summary>An optional header with <paramref name="count"/> in NumberOfRvaAndSizes and room for 16 directories.</summary>
    private static byte[] Header(ushort magic, int directories, uint count)
    {
        var header = new byte[directories + (16 * 8)];
        BinaryPrimitives.WriteUInt16LittleEndian(header, magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(directories - 4), count);
        return header;
    }
}
