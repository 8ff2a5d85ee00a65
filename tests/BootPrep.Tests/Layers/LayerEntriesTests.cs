using System.Collections.Concurrent;
using System.Text;
using BootPrep.Layers;
using BootPrep.Tar;

namespace BootPrep.Tests.Layers;

/// <summary>A layer's entries as the scan packs them for the merge: read back as added, counted, whiteouts noticed.</summary>
public sealed class LayerEntriesTests
{
    [Fact]
    public void Entries_read_back_as_added_and_are_counted()
    {
        using var entries = Pack("usr/", "usr/lib/modules/6.1/vmlinuz", "usr/lib/modules/6.1/initramfs.img", "etc/os-release");

        var names = new List<string>();
        for (var cursor = new LayerCursor(); entries.Read(cursor, out var entry);)
        {
            names.Add(Encoding.UTF8.GetString(entry.Name));
        }

        Assert.Equal(["usr/", "usr/lib/modules/6.1/vmlinuz", "usr/lib/modules/6.1/initramfs.img", "etc/os-release"], names);
        Assert.Equal(4, entries.Count);
        Assert.False(entries.MayHoldWhiteouts);
    }

    [Theory]
    [InlineData("etc/.wh.motd")]
    [InlineData("usr/share/doc/.wh..wh..opq")]
    [InlineData(".wh.boot")]
    public void A_name_that_may_be_a_whiteout_is_noticed(string whiteout)
    {
        using var entries = Pack("etc/", whiteout, "etc/hostname");

        Assert.True(entries.MayHoldWhiteouts);
    }

    private static LayerEntries Pack(params string[] names)
    {
        var entries = new LayerEntries(new ConcurrentStack<byte[]>());
        foreach (var name in names)
        {
            entries.Add(Encoding.UTF8.GetBytes(name), [], name.EndsWith('/') ? TarEntryType.Directory : TarEntryType.Regular, 0, 0, null);
        }

        return entries;
    }
}
