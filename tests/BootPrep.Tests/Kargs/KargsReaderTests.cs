using BootPrep.Errors;
using BootPrep.Kargs;
using BootPrep.RootFs;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Kargs;

public sealed class KargsReaderTests : IDisposable
{
    private const string KargsD = "usr/lib/bootc/kargs.d";

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void No_directory_means_no_kargs()
    {
        Assert.Empty(Read("x86_64"));
    }

    [Fact]
    public void Files_are_read_in_byte_order_of_their_names()
    {
        _tree.File($"{KargsD}/b.toml", "kargs = [\"b\"]")
            .File($"{KargsD}/Z.toml", "kargs = [\"Z\"]")
            .File($"{KargsD}/10-a.toml", "kargs = [\"10\"]")
            .File($"{KargsD}/9-a.toml", "kargs = [\"9\", \"9b\"]");

        Assert.Equal(["10", "9", "9b", "Z", "b"], Read("x86_64"));
    }

    [Fact]
    public void Files_without_the_toml_extension_are_ignored()
    {
        _tree.File($"{KargsD}/a.toml", "kargs = [\"a\"]")
            .File($"{KargsD}/README", "not toml")
            .File($"{KargsD}/b.TOML", "not read")
            .File($"{KargsD}/.toml", "not read either");

        Assert.Equal(["a"], Read("x86_64"));
    }

    [Theory]
    [InlineData("x86_64", new[] { "all", "x86" })]
    [InlineData("aarch64", new[] { "all", "both" })]
    public void Match_architectures_filters_files(string architecture, string[] expected)
    {
        _tree.File($"{KargsD}/1.toml", "kargs = [\"all\"]")
            .File($"{KargsD}/2.toml", "kargs = [\"x86\"]\nmatch-architectures = [\"x86_64\"]")
            .File($"{KargsD}/3.toml", "kargs = [\"both\"]\nmatch-architectures = [\"aarch64\", \"s390x\"]");

        Assert.Equal(expected, Read(architecture));
    }

    [Fact]
    public void Unknown_key_is_an_error_naming_the_file()
    {
        _tree.File($"{KargsD}/bad.toml", "kargs = [\"a\"]\nfoo = \"bar\"");

        var error = Assert.Throws<BootPrepException>(() => Read("x86_64"));

        Assert.Equal(BootPrepErrorKind.InvalidKargs, error.Kind);
        Assert.Equal($"{KargsD}/bad.toml", error.Path);
        Assert.Contains("foo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_kargs_is_an_error()
    {
        _tree.File($"{KargsD}/bad.toml", "match-architectures = [\"x86_64\"]");

        var error = Assert.Throws<BootPrepException>(() => Read("x86_64"));

        Assert.Contains("missing key kargs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kargs = [\"a\"")]
    [InlineData("kargs = \"not an array\"")]
    [InlineData("kargs = [1, 2]")]
    public void Malformed_toml_is_an_error_naming_the_file(string text)
    {
        _tree.File($"{KargsD}/bad.toml", text);

        var error = Assert.Throws<BootPrepException>(() => Read("x86_64"));

        Assert.Equal(BootPrepErrorKind.InvalidKargs, error.Kind);
        Assert.Equal($"{KargsD}/bad.toml", error.Path);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Kargs_file_that_is_a_directory_is_an_error()
    {
        _tree.Dir($"{KargsD}/dir.toml");

        Assert.Equal(BootPrepErrorKind.NotARegularFile, Assert.Throws<BootPrepException>(() => Read("x86_64")).Kind);
    }

    private IReadOnlyList<string> Read(string architecture)
    {
        using var root = DirectoryImageRoot.Open(_tree.Root);
        return KargsReader.Read(root, architecture);
    }
}
