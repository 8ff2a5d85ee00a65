using BootPrep.Expectations;

namespace BootPrep.Tests.Expectations;

public sealed class JsonPathPatternTests
{
    [Theory]
    [InlineData("kernel.version", "kernel.version", true)]
    [InlineData("kernel.version", "kernel.path", false)]
    [InlineData("kernel.uki.sections[*].sha256", "kernel.uki.sections[3].sha256", true)]
    [InlineData("kernel.uki.sections[2].sha256", "kernel.uki.sections[3].sha256", false)]
    [InlineData("**.sha256", "kernel.sha256", true)]
    [InlineData("**.sha256", "kernel.uki.sections[0].sha256", true)]
    [InlineData("**.sha256", "kernel.sha256.x", false)]
    [InlineData("kernel.*.size", "kernel.image.size", true)]
    [InlineData("kernel.*.size", "kernel.size", false)]
    [InlineData("candidates[*]", "candidates[1]", true)]
    [InlineData("candidates.*", "candidates[1]", false)]
    public void Matches_paths(string pattern, string path, bool matches)
    {
        Assert.Equal(matches, JsonPathPattern.TryParse(pattern)!.Matches(JsonPath.Split(path)!));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".kernel")]
    [InlineData("kernel..version")]
    [InlineData("kernel[x]")]
    [InlineData("kernel[1")]
    [InlineData("[0]")]
    public void Malformed_patterns_are_refused(string pattern)
    {
        Assert.Null(JsonPathPattern.TryParse(pattern));
    }

    [Fact]
    public void Paths_format_as_people_read_them()
    {
        Assert.Equal("kernel.uki.sections[3].name", JsonPath.Format(["kernel", "uki", "sections", "[3]", "name"]));
        Assert.Equal("$", JsonPath.Format([]));
    }
}
