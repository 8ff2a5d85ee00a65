using System.Globalization;

namespace BootPrep.Pe;

/// <summary>Names COFF machine types as Rust and bootc name architectures.</summary>
public static class PeMachine
{
    /// <summary>x86_64, aarch64, x86, arm, riscv64 or loongarch64; other values as 0x hex.</summary>
    public static string Name(ushort machine) => machine switch
    {
        0x8664 => "x86_64",
        0xaa64 => "aarch64",
        0x014c => "x86",
        0x01c2 or 0x01c4 => "arm",
        0x5064 => "riscv64",
        0x6264 => "loongarch64",
        _ => string.Create(CultureInfo.InvariantCulture, $"0x{machine:x4}"),
    };
}
