using System.Runtime.InteropServices;

namespace BootPrep.Architectures;

/// <summary>
/// A processor architecture under each of its names: Go's (<c>GOARCH</c>, which OCI image configs use), Rust's
/// (<c>std::env::consts::ARCH</c>, which bootc's kargs.d <c>match-architectures</c> uses) and the kernel's
/// (<c>uname -m</c>).
/// </summary>
/// <param name="Go">The Go name: amd64, arm64, ppc64le, …</param>
/// <param name="Rust">The Rust name: x86_64, aarch64, powerpc64, …</param>
/// <param name="Kernel">The kernel's name: x86_64, aarch64, ppc64le, …</param>
public sealed record CpuArchitecture(string Go, string Rust, string Kernel)
{
    // Ordered so that a name shared by two rows (Rust's powerpc64, mips64, mips) finds the more common one first.
    private static readonly CpuArchitecture[] s_known =
    [
        new("amd64", "x86_64", "x86_64"),
        new("arm64", "aarch64", "aarch64"),
        new("386", "x86", "i686"),
        new("arm", "arm", "armv7l"),
        new("ppc64le", "powerpc64", "ppc64le"),
        new("ppc64", "powerpc64", "ppc64"),
        new("s390x", "s390x", "s390x"),
        new("riscv64", "riscv64", "riscv64"),
        new("loong64", "loongarch64", "loongarch64"),
        new("mips64le", "mips64", "mips64"),
        new("mips64", "mips64", "mips64"),
        new("mipsle", "mips", "mips"),
        new("mips", "mips", "mips"),
    ];

    /// <summary>x86_64 (Go's amd64).</summary>
    public static CpuArchitecture X86_64 { get; } = s_known[0];

    /// <summary>aarch64 (Go's arm64).</summary>
    public static CpuArchitecture Arm64 { get; } = s_known[1];

    /// <summary>The architecture this process runs on.</summary>
    public static CpuArchitecture Host { get; } = FromDotNet(RuntimeInformation.OSArchitecture);

    /// <summary>The architecture an image config's Go name stands for; an unknown name keeps that name everywhere.</summary>
    public static CpuArchitecture FromGo(string name) =>
        Array.Find(s_known, known => known.Go == name) ?? new CpuArchitecture(name, name, name);

    /// <summary>The architecture a person named, by its Rust, kernel or Go name; an unknown name keeps that name everywhere.</summary>
    public static CpuArchitecture Parse(string name) =>
        Array.Find(s_known, known => known.Rust == name)
        ?? Array.Find(s_known, known => known.Kernel == name)
        ?? FromGo(name);

    /// <summary>The architecture of a .NET <see cref="Architecture"/>.</summary>
    public static CpuArchitecture FromDotNet(Architecture architecture) => architecture switch
    {
        Architecture.X64 => FromGo("amd64"),
        Architecture.Arm64 => FromGo("arm64"),
        Architecture.X86 => FromGo("386"),
        Architecture.Arm => FromGo("arm"),
        Architecture.Ppc64le => FromGo("ppc64le"),
        Architecture.S390x => FromGo("s390x"),
        Architecture.RiscV64 => FromGo("riscv64"),
        Architecture.LoongArch64 => FromGo("loong64"),
        _ => FromGo(architecture.ToString().ToLowerInvariant()),
    };
}
