using System.Buffers.Binary;
using BootPrep.Pe;

namespace BootPrep.Tests.Pe;

public sealed class PeSectionTests
{
    [Fact]
    public void A_section_header_is_read_at_its_named_offsets()
    {
        var header = new byte[PeSection.HeaderSize];
        ".linux"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 700);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), 0x3000);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 1024);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 0x400);

        Assert.Equal(new PeSection(5, ".linux", 700, 0x3000, 1024, 0x400), PeSection.Read(header, 5));
    }

    [Fact]
    public void The_loader_takes_the_smaller_of_virtual_and_raw_size()
    {
        Assert.Equal((512L, 100L), (new PeSection(0, ".a", 4096, 0, 512, 0).DataSize, new PeSection(0, ".b", 100, 0, 512, 0).DataSize));
    }
}
