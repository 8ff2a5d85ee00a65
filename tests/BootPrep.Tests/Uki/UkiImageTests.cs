using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Tests.Support;
using BootPrep.Uki;

namespace BootPrep.Tests.Uki;

public sealed class UkiImageTests
{
    [Fact]
    public void The_first_base_section_of_a_name_is_the_one_used()
    {
        var uki = Read(new PeBuilder().Add(".cmdline", "first").Add(".cmdline", "second").Build());

        Assert.Equal((0, "first"), (uki.Find(".cmdline")!.Index, uki.Cmdline([])));
    }

    [Fact]
    public void Profile_0_overrides_the_base_and_later_profiles_do_not()
    {
        var uki = Read(new PeBuilder()
            .Add(".cmdline", "base").Add(".uname", "6.1")
            .Add(".profile", "ID=a").Add(".cmdline", "zero")
            .Add(".profile", "ID=b").Add(".cmdline", "one").Add(".uname", "6.2")
            .Build());

        Assert.Equal(("zero", "6.1"), (uki.Cmdline([]), uki.Text(".uname", [])));
    }

    [Fact]
    public void A_section_whose_data_is_outside_the_file_has_no_data()
    {
        var bytes = new PeBuilder().Add(".linux", new byte[1000]).Build();
        var uki = Read(bytes[..^600]);

        Assert.Equal((true, (FileRange?)null), (uki.Find(".linux") is not null, uki.Section(".linux")));
    }

    [Fact]
    public void A_missing_section_has_no_data_and_no_text()
    {
        var errors = new List<Diagnostic>();
        var uki = Read(new PeBuilder().Add(".linux", "kernel").Build());

        Assert.Equal(((FileRange?)null, (string?)null), (uki.Section(".initrd"), uki.Text(".osrel", errors)));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_text_that_is_not_utf8_is_named_by_its_code()
    {
        var errors = new List<Diagnostic>();
        var uki = Read(new PeBuilder().Add(".cmdline", new byte[] { 0x61, 0xff }).Build());

        uki.Cmdline(errors);

        Assert.Equal([DiagnosticCode.TextNotUtf8], errors.Select(error => error.Code));
    }

    private static UkiImage Read(byte[] bytes) => UkiImage.Read(FileRange.Of(new MemoryStream(bytes)));
}
