using BootPrep.Ostree;

namespace BootPrep.Tests.Ostree;

public sealed class BootEntriesTests
{
    [Theory]
    [InlineData("10", "9")]
    [InlineData("2", "1")]
    [InlineData("1.10", "1.9")]
    [InlineData("b", "a")]
    [InlineData("1", null)]
    public void Versions_order_numbers_by_value(string higher, string? lower)
    {
        Assert.True(BootEntries.CompareVersions(higher, lower) > 0);
        Assert.True(BootEntries.CompareVersions(lower, higher) < 0);
    }

    [Fact]
    public void An_entry_keeps_every_initrd_in_order_and_joins_options_lines()
    {
        var entry = BootEntry.Parse("ostree-2-os.conf", "# comment\ntitle  OS (ostree:0)\nversion 2\noptions a=1\tb\noptions c\nlinux /ostree/k\ninitrd /ostree/i1\ninitrd\t/ostree/i2\n");

        Assert.Equal("OS (ostree:0)", entry.Title);
        Assert.Equal("2", entry.Version);
        Assert.Equal("a=1\tb c", entry.Options);
        Assert.Equal(["/ostree/i1", "/ostree/i2"], entry.Initrds);
    }

    [Theory]
    [InlineData("root=/dev/vda ostree=/ostree/boot.1/fedora/b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c/0", 1, "fedora", 0)]
    [InlineData("ostree=/ostree/boot.0/default/b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c/3 quiet", 0, "default", 3)]
    public void The_boot_link_is_parsed(string options, int version, string osName, int serial)
    {
        var link = BootEntry.Parse("e.conf", $"options {options}\n").BootLink;

        Assert.Equal(new BootLink(version, osName, "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c", serial), link);
    }

    [Theory]
    [InlineData("root=/dev/vda")]
    [InlineData("ostree=/ostree/boot.x/os/b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c/0")]
    [InlineData("ostree=/ostree/boot.0/os/notachecksum/0")]
    [InlineData("ostree=/ostree/boot.0/os/b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c/0/extra")]
    public void Anything_else_is_no_boot_link(string options)
    {
        Assert.Null(BootEntry.Parse("e.conf", $"options {options}\n").BootLink);
    }
}
