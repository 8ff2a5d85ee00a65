using BootPrep.Pe;

namespace BootPrep.Tests.Pe;

public sealed class CoffHeaderTests
{
    [Fact]
    public void Fields_are_read_little_endian_at_their_offsets()
    {
        byte[] bytes = [0x64, 0xaa, 3, 0, .. new byte[12], 0xf0, 0x00, 0x22, 0x02];

        var coff = new CoffHeader(bytes);

        Assert.Equal((CoffHeader.Size, (ushort)0xaa64, (ushort)3, (ushort)0xf0), (bytes.Length, coff.Machine, coff.NumberOfSections, coff.SizeOfOptionalHeader));
    }
}
