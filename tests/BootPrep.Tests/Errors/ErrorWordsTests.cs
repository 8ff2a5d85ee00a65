using System.Text.Json;
using BootPrep.Errors;

namespace BootPrep.Tests.Errors;

public sealed class ErrorWordsTests
{
    [Fact]
    public void Within_prefixes_the_image_and_keeps_the_kind_and_the_cause()
    {
        var inner = new BootPrepException(BootPrepErrorKind.InvalidKargs, "usr/lib/bootc/kargs.d/10.toml", "not TOML");

        var outer = inner.Within("oci:/images/os");

        Assert.Equal(BootPrepErrorKind.InvalidKargs, outer.Kind);
        Assert.Equal("oci:/images/os: usr/lib/bootc/kargs.d/10.toml: not TOML", outer.OneLine);
        Assert.Same(inner, outer.InnerException);
    }

    [Fact]
    public void A_json_error_says_where_one_based()
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse("{\n  \"a\": tru\n}"));

        Assert.StartsWith("invalid JSON at line 2, column ", JsonErrors.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_error_of_shape_names_the_path()
    {
        var error = new JsonException("x", "$.manifests[0]", 0, 4);

        Assert.Equal("invalid JSON at line 1, column 5 (at $.manifests[0]): not JSON, or not the shape this document must have", JsonErrors.Describe(error));
    }

    [Fact]
    public void System_errors_are_words_not_runtime_messages()
    {
        using var directory = new Support.TestTree();
        var missing = Path.Combine(directory.Root, "missing", "file");

        var notFound = Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(missing));
        var isDirectory = Assert.ThrowsAny<Exception>(() => File.ReadAllBytes(directory.Root));

        Assert.Equal("no such file or directory", SystemErrors.Describe(notFound, missing));
        Assert.Equal("is a directory", SystemErrors.Describe(isDirectory, directory.Root));
    }
}
