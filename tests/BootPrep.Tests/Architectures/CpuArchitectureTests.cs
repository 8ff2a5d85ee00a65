using BootPrep.Architectures;

namespace BootPrep.Tests.Architectures;

public sealed class CpuArchitectureTests
{
    [Theory]
    [InlineData("amd64", "x86_64", "x86_64")]
    [InlineData("arm64", "aarch64", "aarch64")]
    [InlineData("386", "x86", "i686")]
    [InlineData("ppc64le", "powerpc64", "ppc64le")]
    [InlineData("s390x", "s390x", "s390x")]
    [InlineData("riscv64", "riscv64", "riscv64")]
    [InlineData("loong64", "loongarch64", "loongarch64")]
    public void A_go_name_maps_to_rust_and_kernel_names(string go, string rust, string kernel)
    {
        Assert.Equal(new CpuArchitecture(go, rust, kernel), CpuArchitecture.FromGo(go));
    }

    [Theory]
    [InlineData("x86_64", "amd64")]
    [InlineData("aarch64", "arm64")]
    [InlineData("amd64", "amd64")]
    [InlineData("ppc64le", "ppc64le")]
    [InlineData("powerpc64", "ppc64le")]
    [InlineData("i686", "386")]
    public void Parse_takes_rust_kernel_or_go_names(string name, string go)
    {
        Assert.Equal(go, CpuArchitecture.Parse(name).Go);
    }

    [Fact]
    public void An_unknown_name_keeps_that_name_everywhere()
    {
        Assert.Equal(new CpuArchitecture("sparc64", "sparc64", "sparc64"), CpuArchitecture.Parse("sparc64"));
    }

    [Fact]
    public void The_host_is_one_of_the_known_architectures()
    {
        Assert.Equal(CpuArchitecture.Host, CpuArchitecture.FromGo(CpuArchitecture.Host.Go));
    }
}
