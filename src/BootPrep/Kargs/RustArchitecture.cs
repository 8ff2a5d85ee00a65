using System.Runtime.InteropServices;

namespace BootPrep.Kargs;

/// <summary>Architecture names as Rust's <c>std::env::consts::ARCH</c> spells them, which kargs.d files use.</summary>
public static class RustArchitecture
{
    /// <summary>The name for the architecture this process runs on.</summary>
    public static string Host => From(RuntimeInformation.OSArchitecture);

    /// <summary>The Rust name of a .NET <see cref="Architecture"/>.</summary>
    public static string From(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "x86",
        Architecture.Arm => "arm",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loongarch64",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "powerpc64",
        _ => architecture.ToString().ToLowerInvariant(),
    };
}
