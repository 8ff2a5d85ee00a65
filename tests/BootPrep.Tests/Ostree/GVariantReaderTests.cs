using BootPrep.Ostree;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Ostree;

/// <summary>The GVariant reader against GLib's own serialization (fixtures/ostree/gvariant.py) and against damage.</summary>
public sealed class GVariantReaderTests
{
    private const string Staged =
        "{'target': <{'name': <'" + Checksum + ".1'>, 'osname': <'fedora'>, 'bootcsum': <'" + Checksum + "'>}>, "
        + "'locked': <true>, 'overlay-initrds': <['" + Checksum + "']>, 'kargs': <['root=/dev/vda', 'quiet=\"a b\"', '']>, "
        + "'bootconfig-extra': <{'x-options-source-tuned': 'skew_tick=1'}>}";

    private const string Checksum = "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c";

    [Fact]
    public void Reads_what_glib_writes_for_a_staged_deployment()
    {
        var values = GVariantReader.ReadDictionary(GLib("a{sv}", Staged));

        var target = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(values["target"]);
        Assert.Equal($"{Checksum}.1", target["name"]);
        Assert.Equal("fedora", target["osname"]);
        Assert.Equal(true, values["locked"]);
        Assert.Equal(new[] { "root=/dev/vda", "quiet=\"a b\"", "" }, values["kargs"]);
        Assert.Equal(new[] { Checksum }, values["overlay-initrds"]);
        Assert.Equal("a{ss}", GVariantReader.TypeOf(values["bootconfig-extra"]));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(4_000)]
    [InlineData(80_000)]
    public void Framing_offsets_widen_with_the_size(int kargs)
    {
        var text = "{'kargs': <[" + string.Join(", ", Enumerable.Range(0, kargs).Select(i => $"'karg{i}=value'")) + "]>}";

        var values = GVariantReader.ReadDictionary(GLib("a{sv}", text));

        var read = Assert.IsType<string[]>(values["kargs"]);
        Assert.Equal(kargs, read.Length);
        Assert.Equal($"karg{kargs - 1}=value", read[^1]);
    }

    [Fact]
    public void An_empty_dictionary_is_empty()
    {
        Assert.Empty(GVariantReader.ReadDictionary(GLib("a{sv}", "@a{sv} {}")));
    }

    [Fact]
    public void Ostree_2022_7_files_are_read()
    {
        var data = File.ReadAllBytes(Path.Combine(OstreeSysroots.Scenario("override-kargs"), "run", "ostree", "staged-deployment"));

        var values = GVariantReader.ReadDictionary(data);

        Assert.Equal(["target", "merge-deployment", "kargs", "overlay-initrds"], values.Keys);
    }

    [Fact]
    public void Every_truncation_is_refused_or_read_never_crashes()
    {
        var data = GLib("a{sv}", Staged);

        for (var length = 0; length < data.Length; length++)
        {
            try
            {
                GVariantReader.ReadDictionary(data.AsSpan(0, length));
            }
            catch (FormatException)
            {
            }
        }

        Assert.Throws<FormatException>(() => GVariantReader.ReadDictionary(data.AsSpan(0, data.Length - 1)));
    }

    [Fact]
    public void Every_flipped_byte_is_refused_or_read_never_crashes()
    {
        var data = GLib("a{sv}", Staged);
        var damaged = 0;

        for (var i = 0; i < data.Length; i++)
        {
            var copy = (byte[])data.Clone();
            copy[i] ^= 0xff;
            try
            {
                GVariantReader.ReadDictionary(copy);
            }
            catch (FormatException)
            {
                damaged++;
            }
        }

        Assert.True(damaged > 0);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_followed()
    {
        var text = string.Concat(Enumerable.Repeat("{'a': <", 40)) + "@a{sv} {}" + string.Concat(Enumerable.Repeat(">}", 40));

        var error = Assert.Throws<FormatException>(() => GVariantReader.ReadDictionary(GLib("a{sv}", text)));

        Assert.Contains("nested more than 8 deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_metadata_is_the_first_member()
    {
        var commit = GLib("(a{sv}aya(say)sstayay)", "({'version': <'42.1'>, 'ostree.bootable': <true>}, @ay [], @a(say) [], 'subject', 'body', uint64 0, @ay [], @ay [])");

        Assert.Equal("42.1", GVariantReader.ReadCommitMetadata(commit)["version"]);
    }

    private static byte[] GLib(string type, string text)
    {
        using var files = new TestTree().File("text", text);
        var output = Path.Combine(files.Root, "variant");
        ExternalTool.Run("python3", Path.Combine(Fixtures.RepositoryRoot, "fixtures", "ostree", "gvariant.py"), type, Path.Combine(files.Root, "text"), output);
        return File.ReadAllBytes(output);
    }
}
