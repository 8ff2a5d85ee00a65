using BootPrep.Binary;

namespace BootPrep.Tests.Binary;

public sealed class Utf8TextTests
{
    [Fact]
    public void Valid_text_decodes_and_has_no_invalid_byte()
    {
        var bytes = "vmlinuz-6.1 ü"u8.ToArray();

        Assert.Equal("vmlinuz-6.1 ü", Utf8Text.TryDecode(bytes));
        Assert.Null(Utf8Text.FirstInvalidByte(bytes));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xff, 0x62 }, 1)]
    [InlineData(new byte[] { 0x61, 0x62, 0xc3 }, 2)]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 }, 0)]
    public void The_first_invalid_byte_is_found(byte[] bytes, int offset)
    {
        Assert.Null(Utf8Text.TryDecode(bytes));
        Assert.Equal(offset, Utf8Text.FirstInvalidByte(bytes));
    }

    [Fact]
    public void Escape_keeps_printable_ascii_and_writes_the_rest_as_hex()
    {
        Assert.Equal("a\\x5cb\\x0a\\xff\\x1b[31m", Utf8Text.Escape([0x61, 0x5c, 0x62, 0x0a, 0xff, 0x1b, 0x5b, 0x33, 0x31, 0x6d]));
    }
}
