using BootPrep.Uki;

namespace BootPrep.Tests.Uki;

public sealed class OsReleaseTests
{
    [Fact]
    public void Parses_quoted_and_bare_values_in_order()
    {
        var values = OsRelease.Parse("# comment\nID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME='Debian GNU/Linux 12'\n\nNAME=\"a \\\"quoted\\\" \\$name\"\n");

        Assert.Equal(
            [new("ID", "debian"), new("VERSION_ID", "12"), new("PRETTY_NAME", "Debian GNU/Linux 12"), new KeyValuePair<string, string>("NAME", "a \"quoted\" $name")],
            values);
    }

    [Fact]
    public void Skips_lines_that_are_not_assignments_and_keeps_the_last_of_a_repeated_key()
    {
        var values = OsRelease.Parse("garbage\n=novalue\nBAD-KEY=1\nID=one\nID=two");

        Assert.Equal([new KeyValuePair<string, string>("ID", "two")], values);
    }
}
