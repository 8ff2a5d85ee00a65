using BootPrep.Ostree;

namespace BootPrep.Tests.Ostree;

/// <summary>ostree 2022.7's handling of entry options (ostree-kernel-args.c), as finalization applies it to ostree=.</summary>
public sealed class OstreeKernelArgsTests
{
    [Theory]
    [InlineData("root=/dev/vda ostree=/old quiet", "root=/dev/vda ostree=/new quiet")]
    [InlineData("root=/dev/vda quiet", "root=/dev/vda quiet ostree=/new")]
    [InlineData("ostree=/a root=/dev/vda ostree=/b", "ostree=/new root=/dev/vda")]
    [InlineData("", "ostree=/new")]
    [InlineData("root=/dev/vda  quiet", "root=/dev/vda  quiet ostree=/new")]
    [InlineData("quiet=\"a ostree=/x b\"", "quiet=\"a ostree=/new b\"")]
    public void Replace_puts_the_argument_where_the_key_first_was(string options, string expected)
    {
        var arguments = OstreeKernelArgs.Split(options);

        OstreeKernelArgs.Replace(arguments, "ostree", "/new");

        Assert.Equal(expected, string.Join(' ', arguments));
    }

    [Fact]
    public void Without_the_boot_link_keeps_the_bare_key_as_ostree_does()
    {
        Assert.Equal("root=/dev/vda ostree quiet", OstreeKernelArgs.WithoutBootLink("root=/dev/vda ostree=/ostree/boot.1/os/c/0 quiet"));
    }
}
