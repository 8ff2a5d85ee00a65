using BootPrep.Bootc;
using BootPrep.Files;
using BootPrep.Kargs;
using BootPrep.RootFs;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Kargs;

public sealed class KargsReaderTests : IDisposable
{
    private const string KargsD = "usr/lib/bootc/kargs.d";

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    // Ported from bootc bootc_kargs.rs test_get_kargs_in_root.
    [Fact]
    public void No_directory_means_no_kargs_and_no_refusal()
    {
        var result = Read("x86_64");

        Assert.Empty(result.Kargs);
        Assert.Empty(result.Refusals);
    }

    // Ported from bootc bootc_kargs.rs test_get_kargs_in_root.
    [Fact]
    public void Empty_directory_and_files_that_are_not_toml_give_no_kargs()
    {
        _tree.File($"{KargsD}/somegarbage", "garbage");

        Assert.Empty(Read("x86_64").Kargs);
    }

    // Ported from bootc bootc_kargs.rs test_get_kargs_in_root.
    [Fact]
    public void Files_are_combined_in_order()
    {
        _tree.File($"{KargsD}/01-foo.toml", "kargs = [\"console=tty0\", \"nosmt\"]")
            .File($"{KargsD}/02-bar.toml", "kargs = [\"console=ttyS1\"]");

        Assert.Equal(["console=tty0", "nosmt", "console=ttyS1"], Read("x86_64").Kargs);
    }

    [Fact]
    public void Files_are_read_in_byte_order_of_their_names()
    {
        _tree.File($"{KargsD}/b.toml", "kargs = [\"b\"]")
            .File($"{KargsD}/Z.toml", "kargs = [\"Z\"]")
            .File($"{KargsD}/10-a.toml", "kargs = [\"10\"]")
            .File($"{KargsD}/9-a.toml", "kargs = [\"9\", \"9b\"]");

        Assert.Equal(["10", "9", "9b", "Z", "b"], Read("x86_64").Kargs);
    }

    [Fact]
    public void Only_names_with_the_extension_exactly_toml_are_read_hidden_ones_included()
    {
        _tree.File($"{KargsD}/a.toml", "kargs = [\"a\"]")
            .File($"{KargsD}/.hidden.toml", "kargs = [\"hidden\"]")
            .File($"{KargsD}/b.TOML", "kargs = [\"upper\"]")
            .File($"{KargsD}/.toml", "kargs = [\"no-extension\"]")
            .File($"{KargsD}/c.toml.bak", "kargs = [\"backup\"]");

        Assert.Equal(["hidden", "a"], Read("x86_64").Kargs);
    }

    [Fact]
    public void Subdirectories_are_not_read()
    {
        _tree.File($"{KargsD}/sub/a.toml", "kargs = [\"nested\"]");

        Assert.Empty(Read("x86_64").Kargs);
    }

    // Ported from bootc bootc_kargs.rs test_arch.
    [Theory]
    [InlineData("kargs = [\"console=tty0\", \"nosmt\"]", "x86_64", true)]
    [InlineData("kargs = [\"console=tty0\", \"nosmt\"]", "aarch64", true)]
    [InlineData("kargs = [\"console=tty0\", \"nosmt\"]\nmatch-architectures = [\"x86_64\"]\n", "aarch64", false)]
    [InlineData("kargs = [\"console=tty0\", \"nosmt\"]\nmatch-architectures = [\"aarch64\"]\n", "aarch64", true)]
    [InlineData("kargs = [\"console=tty0\", \"nosmt\"]\nmatch-architectures = [\"x86_64\", \"aarch64\"]\n", "x86_64", true)]
    [InlineData("kargs = [\"console=tty0\", \"nosmt\"]\nmatch-architectures = [\"x86_64\", \"aarch64\"]\n", "aarch64", true)]
    public void Match_architectures_selects_files(string text, string architecture, bool applies)
    {
        var (kargs, refusal) = KargsReader.Parse(text, ImagePath.Parse("a.toml"), architecture);

        Assert.Null(refusal);
        Assert.Equal(applies ? ["console=tty0", "nosmt"] : null, kargs?.Parameters);
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("X86_64")]
    [InlineData("x86-64")]
    public void Match_architectures_is_an_exact_rust_name(string name)
    {
        var (kargs, _) = KargsReader.Parse($"kargs = [\"a\"]\nmatch-architectures = [\"{name}\"]", ImagePath.Parse("a.toml"), "x86_64");

        Assert.Null(kargs);
    }

    [Fact]
    public void An_empty_match_architectures_list_matches_nothing()
    {
        var (kargs, refusal) = KargsReader.Parse("kargs = [\"a\"]\nmatch-architectures = []", ImagePath.Parse("a.toml"), "x86_64");

        Assert.Null(refusal);
        Assert.Null(kargs);
    }

    // Ported from bootc bootc_kargs.rs test_invalid (a Rust raw string: the \n there is a backslash and an n).
    [Fact]
    public void Text_after_the_kargs_on_the_same_line_is_refused()
    {
        Assert.NotNull(KargsReader.Parse("kargs = [\"console=tty0\", \"nosmt\"]\\nfoo=bar", ImagePath.Parse("a.toml"), "x86_64").Refusal);
    }

    [Fact]
    public void An_unknown_key_is_refused()
    {
        Assert.Equal(BootcRefusalCode.UnknownKey, KargsReader.Parse("kargs = [\"a\"]\nfoo = \"bar\"", ImagePath.Parse("a.toml"), "x86_64").Refusal?.Code);
    }

    // Ported from bootc bootc_kargs.rs test_invalid: a file without kargs.
    [Fact]
    public void A_file_without_kargs_is_refused()
    {
        Assert.NotNull(KargsReader.Parse("foo=bar", ImagePath.Parse("a.toml"), "x86_64").Refusal);
        Assert.Equal(BootcRefusalCode.MissingKargs, KargsReader.Parse("match-architectures = [\"x86_64\"]", ImagePath.Parse("a.toml"), "x86_64").Refusal?.Code);
        Assert.Equal(BootcRefusalCode.MissingKargs, KargsReader.Parse("", ImagePath.Parse("a.toml"), "x86_64").Refusal?.Code);
    }

    [Fact]
    public void The_snake_case_spelling_of_match_architectures_is_an_unknown_key()
    {
        var refusal = KargsReader.Parse("kargs = [\"a\"]\nmatch_architectures = [\"x86_64\"]", ImagePath.Parse("a.toml"), "x86_64").Refusal;

        Assert.Equal(BootcRefusalCode.UnknownKey, refusal?.Code);
    }

    [Theory]
    [InlineData("kargs = [\"a\"")]
    [InlineData("kargs = \"not an array\"")]
    [InlineData("kargs = [1, 2]")]
    [InlineData("kargs = [\"a\"]\nkargs = [\"b\"]")]
    [InlineData("kargs = [\"a\"]\nmatch-architectures = \"x86_64\"")]
    public void Malformed_toml_is_refused_in_one_line(string text)
    {
        var refusal = KargsReader.Parse(text, ImagePath.Parse("a.toml"), "x86_64").Refusal;

        Assert.Equal(BootcRefusalCode.InvalidToml, refusal?.Code);
        Assert.DoesNotContain('\n', refusal!.Message);
    }

    [Fact]
    public void Kargs_are_joined_and_split_again_as_a_command_line()
    {
        _tree.File($"{KargsD}/a.toml", "kargs = [\"a b\", \"  c\\td  \", \"e=\\\"f g\\\"\"]");

        Assert.Equal(["a", "b", "c", "d", "e=\"f g\""], Read("x86_64").Kargs);
    }

    [Fact]
    public void A_parameter_already_there_is_not_added_again_across_files()
    {
        _tree.File($"{KargsD}/10-base.toml", "kargs = [\"console=ttyS0\", \"quiet\"]")
            .File($"{KargsD}/20-derived.toml", "kargs = [\"console=ttyS0\", \"console=tty0\"]");

        Assert.Equal(["console=ttyS0", "quiet", "console=tty0"], Read("x86_64").Kargs);
    }

    [Fact]
    public void A_parameter_already_there_is_not_added_again_within_a_file()
    {
        _tree.File($"{KargsD}/a.toml", "kargs = [\"quiet\", \"quiet\", \"x=1 x=1\"]");

        Assert.Equal(["quiet", "x=1"], Read("x86_64").Kargs);
    }

    [Fact]
    public void Keys_that_differ_in_dash_and_underscore_and_values_in_quotes_are_the_same_parameter()
    {
        _tree.File($"{KargsD}/a.toml", "kargs = [\"rd.foo-bar=1\", \"rd.foo_bar=\\\"1\\\"\", \"Rd.foo-bar=1\"]");

        Assert.Equal(["rd.foo-bar=1", "Rd.foo-bar=1"], Read("x86_64").Kargs);
    }

    [Fact]
    public void A_switch_and_an_empty_value_are_different_parameters()
    {
        _tree.File($"{KargsD}/a.toml", "kargs = [\"ro\", \"ro=\", \"ro\"]");

        Assert.Equal(["ro", "ro="], Read("x86_64").Kargs);
    }

    [Fact]
    public void A_kargs_directory_that_is_a_file_is_refused()
    {
        _tree.File(KargsD, "not a directory");

        var result = Read("x86_64");

        Assert.Equal(BootcRefusalCode.NotADirectory, Assert.Single(result.Refusals).Code);
        Assert.Equal(KargsD, result.Refusals[0].Path.ToString());
    }

    [Fact]
    public void A_kargs_directory_reached_through_an_absolute_link_is_refused()
    {
        _tree.File("usr/share/kargs.d/a.toml", "kargs = [\"a\"]").Symlink(KargsD, "/usr/share/kargs.d");

        Assert.Equal(BootcRefusalCode.EscapesRoot, Assert.Single(Read("x86_64").Refusals).Code);
    }

    [Fact]
    public void A_kargs_directory_reached_through_a_relative_link_is_read()
    {
        _tree.File("usr/share/kargs.d/a.toml", "kargs = [\"a\"]").Symlink(KargsD, "../../share/kargs.d");

        var result = Read("x86_64");

        Assert.Equal(["a"], result.Kargs);
        Assert.Empty(result.Refusals);
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_refused_even_when_it_is_not_toml()
    {
        _tree.File($"{KargsD}/a.toml", "kargs = [\"a\"]").RawFile(KargsD, [0xff, (byte)'x']);

        var result = Read("x86_64");

        Assert.Equal(BootcRefusalCode.NameNotUtf8, Assert.Single(result.Refusals).Code);
        Assert.Equal(["a"], result.Kargs);
    }

    [Fact]
    public void A_toml_name_that_is_a_directory_is_refused()
    {
        _tree.Dir($"{KargsD}/dir.toml");

        Assert.Equal(BootcRefusalCode.IsADirectory, Assert.Single(Read("x86_64").Refusals).Code);
    }

    [Fact]
    public void A_toml_name_that_is_a_dangling_link_is_refused()
    {
        _tree.Symlink($"{KargsD}/gone.toml", "nowhere.toml");

        Assert.Equal(BootcRefusalCode.NotFound, Assert.Single(Read("x86_64").Refusals).Code);
    }

    [Fact]
    public void A_toml_name_that_is_a_fifo_is_refused_without_opening_it()
    {
        _tree.Fifo($"{KargsD}/pipe.toml");

        Assert.Equal(BootcRefusalCode.NotARegularFile, Assert.Single(Read("x86_64").Refusals).Code);
    }

    [Fact]
    public void A_link_inside_the_kargs_directory_is_read()
    {
        _tree.File($"{KargsD}/real.conf", "kargs = [\"linked\"]").Symlink($"{KargsD}/a.toml", "real.conf");

        Assert.Equal(["linked"], Read("x86_64").Kargs);
    }

    [Theory]
    [InlineData("../../../../etc/a.toml")]
    [InlineData("/etc/a.toml")]
    public void A_link_out_of_the_kargs_directory_is_refused_even_inside_the_image(string target)
    {
        _tree.File("etc/a.toml", "kargs = [\"outside\"]").Symlink($"{KargsD}/a.toml", target);

        var result = Read("x86_64");

        Assert.Equal(BootcRefusalCode.EscapesRoot, Assert.Single(result.Refusals).Code);
        Assert.Equal($"{KargsD}/a.toml", result.Refusals[0].Path.ToString());
    }

    [Fact]
    public void Content_that_is_not_utf8_is_refused()
    {
        _tree.File($"{KargsD}/a.toml", [.. "kargs = [\""u8, 0xff, .. "\"]"u8]);

        Assert.Equal(BootcRefusalCode.NotUtf8, Assert.Single(Read("x86_64").Refusals).Code);
    }

    [Fact]
    public void Every_refusal_is_listed_in_order_and_good_files_still_count()
    {
        _tree.File($"{KargsD}/1.toml", "kargs = [\"one\"]")
            .File($"{KargsD}/2.toml", "bad = 1")
            .File($"{KargsD}/3.toml", "kargs = [\"three\"]")
            .File($"{KargsD}/4.toml", "kargs = [");

        var result = Read("x86_64");

        Assert.Equal(["one", "three"], result.Kargs);
        Assert.Equal([$"{KargsD}/2.toml", $"{KargsD}/4.toml"], result.Refusals.Select(refusal => refusal.Path.ToString()));
    }

    [Fact]
    public async Task A_hundred_thousand_kargs_are_combined_without_running_away()
    {
        _tree.File($"{KargsD}/a.toml", $"kargs = [{string.Join(", ", Enumerable.Range(0, 100_000).Select(i => $"\"x{i}\""))}, \"x0\"]");

        // A bound against a quadratic blow-up (minutes), not a timing: the work itself takes about a second.
        var result = await Task.Run(() => Read("x86_64")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(100_000, result.Kargs.Count);
    }

    private KargsResult Read(string architecture)
    {
        using var root = DirectoryImageRoot.Open(_tree.Root);
        return KargsReader.Read(root, architecture);
    }
}
