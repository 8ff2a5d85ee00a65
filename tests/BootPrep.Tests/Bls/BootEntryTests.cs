using BootPrep.Bls;
using BootPrep.Ostree;

namespace BootPrep.Tests.Bls;

public sealed class BootEntryTests
{
    [Theory]
    [InlineData("10", "9")]
    [InlineData("2", "1")]
    [InlineData("1.10", "1.9")]
    [InlineData("b", "a")]
    [InlineData("1", null)]
    public void Versions_order_numbers_by_value(string higher, string? lower)
    {
        Assert.True(EntryOrder.CompareVersions(higher, lower) > 0);
        Assert.True(EntryOrder.CompareVersions(lower, higher) < 0);
    }

    [Fact]
    public void Sort_keys_come_first_then_versions_highest_first()
    {
        var entries = new[]
        {
            BootEntry.Parse("a.conf", "version 9\n"),
            BootEntry.Parse("b.conf", "sort-key bootc-fedora-1\nversion 1\n"),
            BootEntry.Parse("c.conf", "sort-key bootc-fedora-0\nversion 1\n"),
            BootEntry.Parse("d.conf", "version 10\n"),
        };

        Assert.Equal(["c.conf", "b.conf", "d.conf", "a.conf"], entries.Order(Comparer<BootEntry>.Create(EntryOrder.BySortKey)).Select(entry => entry.FileName));
    }

    [Fact]
    public void A_uki_entry_keeps_its_efi_path()
    {
        Assert.Equal("/EFI/Linux/bootc/x.efi", BootEntry.Parse("u.conf", "title OS\nuki /EFI/Linux/bootc/x.efi\n").Efi);
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
        var link = BootLink.Of(BootEntry.Parse("e.conf", $"options {options}\n"));

        Assert.Equal(new BootLink(version, osName, "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c", serial), link);
    }

    [Theory]
    [InlineData("root=/dev/vda")]
    [InlineData("ostree=/ostree/boot.x/os/b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c/0")]
    [InlineData("ostree=/ostree/boot.0/os/notachecksum/0")]
    [InlineData("ostree=/ostree/boot.0/os/b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c/0/extra")]
    public void Anything_else_is_no_boot_link(string options)
    {
        Assert.Null(BootLink.Of(BootEntry.Parse("e.conf", $"options {options}\n")));
    }
}
