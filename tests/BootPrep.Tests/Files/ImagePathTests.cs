using System.Text;
using System.Text.Json;
using BootPrep.Files;

namespace BootPrep.Tests.Files;

public sealed class ImagePathTests
{
    [Theory]
    [InlineData("usr/lib/modules", "usr/lib/modules")]
    [InlineData("/usr/lib/modules", "usr/lib/modules")]
    [InlineData("//usr//lib/./modules/", "usr/lib/modules")]
    [InlineData("./boot/.", "boot")]
    public void Parse_drops_empty_and_dot_components_and_a_leading_slash(string text, string expected)
    {
        Assert.Equal(expected, ImagePath.Parse(text).ToString());
    }

    [Theory]
    [InlineData("a/../b", "a/../b")]
    [InlineData("/../../etc", "../../etc")]
    [InlineData("boot/..", "boot/..")]
    public void Parse_keeps_dot_dot_for_the_resolver_to_follow(string text, string expected)
    {
        Assert.Equal(expected, ImagePath.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/./")]
    public void Parse_of_no_component_is_the_root(string text)
    {
        Assert.Equal(ImagePath.Root, ImagePath.Parse(text));
        Assert.Equal("", ImagePath.Parse(text).ToString());
    }

    [Fact]
    public void Default_is_the_root()
    {
        Assert.Equal(ImagePath.Root, default);
        Assert.Equal("", default(ImagePath).ToString());
    }

    [Fact]
    public void Joining_adds_one_component()
    {
        Assert.Equal(ImagePath.Parse("usr/lib/modules/6.1"), ImagePath.Root / "usr" / "lib" / "modules" / "6.1");
        Assert.Equal("boot/EFI/Linux/a.efi", (ImagePath.Parse("boot/EFI/Linux") / "a.efi").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/a")]
    public void Joining_refuses_what_is_not_one_name(string name)
    {
        Assert.Throws<ArgumentException>(() => ImagePath.Parse("usr") / name);
    }

    [Fact]
    public void The_root_is_its_own_parent_and_has_no_name()
    {
        Assert.Equal(ImagePath.Root, ImagePath.Root.Parent);
        Assert.Equal("", ImagePath.Root.Name);
    }

    [Fact]
    public void A_one_component_path_has_the_root_as_parent()
    {
        var boot = ImagePath.Parse("boot");

        Assert.Equal(ImagePath.Root, boot.Parent);
        Assert.Equal("boot", boot.Name);
    }

    [Fact]
    public void A_deeper_path_has_its_directory_as_parent_and_its_last_component_as_name()
    {
        var uki = ImagePath.Parse("boot/EFI/Linux/fedora.efi");

        Assert.Equal(ImagePath.Parse("boot/EFI/Linux"), uki.Parent);
        Assert.Equal("fedora.efi", uki.Name);
    }

    [Fact]
    public void Paths_are_equal_only_when_their_bytes_are()
    {
        Assert.Equal(ImagePath.Parse("/usr/lib"), ImagePath.Parse("usr//lib/"));
        Assert.NotEqual(ImagePath.Parse("usr/lib"), ImagePath.Parse("usr/Lib"));
        Assert.NotEqual(ImagePath.Parse("a/../b"), ImagePath.Parse("b"));
    }

    [Fact]
    public void A_nul_and_text_past_path_max_are_kept_for_the_file_system_to_refuse()
    {
        var nul = "boot/a\0b.efi";
        var deep = string.Join('/', Enumerable.Repeat(new string('x', 200), 30));

        Assert.Equal(nul, ImagePath.Parse(nul).ToString());
        Assert.Equal(deep, ImagePath.Parse(deep).ToString());
    }

    [Fact]
    public void Json_holds_the_path_as_written_without_a_leading_slash()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new ImagePathJsonConverter().Write(writer, ImagePath.Parse("/boot/EFI/Linux/fedora.efi"), JsonSerializerOptions.Default);
        }

        Assert.Equal("\"boot/EFI/Linux/fedora.efi\"", Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
