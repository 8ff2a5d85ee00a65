using System.Text.Json.Nodes;
using BootPrep.Expectations;

namespace BootPrep.Tests.Expectations;

public sealed class JsonComparerTests
{
    [Fact]
    public void Equal_documents_have_no_differences()
    {
        Assert.Empty(Compare("""{"a":[1,{"b":null}]}""", """{"a":[1,{"b":null}]}"""));
    }

    [Fact]
    public void Changed_added_and_removed_values_are_named_by_path_in_document_order()
    {
        var differences = Compare("""{"kernel":{"version":"6.1","path":"x"},"kargs":["quiet"]}""", """{"kernel":{"version":"6.2","size":3},"kargs":["quiet","debug"]}""");

        Assert.Equal(
            [("kernel.version", "\"6.1\"", "\"6.2\""), ("kernel.path", "\"x\"", "-"), ("kernel.size", "-", "3"), ("kargs[1]", "-", "\"debug\"")],
            differences.Select(difference => (difference.Path, Render(difference.Expected, difference.InExpected), Render(difference.Actual, difference.InActual))));
    }

    [Fact]
    public void A_null_differs_from_a_missing_field()
    {
        var difference = Assert.Single(Compare("""{"kernel":null}""", "{}"));

        Assert.Equal(("kernel", true, false), (difference.Path, difference.InExpected, difference.InActual));
    }

    [Fact]
    public void Ignored_paths_are_left_out()
    {
        var differences = Compare(
            """{"kernel":{"sha256":"a","uki":{"sections":[{"name":".linux","sha256":"b","size":1}]}}}""",
            """{"kernel":{"sha256":"c","uki":{"sections":[{"name":".linux","sha256":"d","size":2}]}}}""",
            "**.sha256",
            "kernel.uki.sections[*].size");

        Assert.Empty(differences);
    }

    private static List<JsonDifference> Compare(string expected, string actual, params string[] ignored) =>
        JsonComparer.Compare(JsonNode.Parse(expected), JsonNode.Parse(actual), [.. ignored.Select(text => JsonPathPattern.TryParse(text)!)]);

    private static string Render(JsonNode? value, bool present) => present ? value?.ToJsonString() ?? "null" : "-";
}
