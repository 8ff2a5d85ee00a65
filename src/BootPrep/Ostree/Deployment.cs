namespace BootPrep.Ostree;

/// <summary>
/// One ostree deployment as ostree names it: its OS, the commit it checks out and a serial that tells checkouts of
/// the same commit apart (the directory <c>ostree/deploy/OS/deploy/CHECKSUM.SERIAL</c>), and the checksum of its
/// kernel and initramfs, which names its files under <c>/boot/ostree/OS-BOOTCSUM/</c>.
/// </summary>
/// <param name="OsName">The stateroot ("fedora", "default").</param>
/// <param name="Checksum">The commit's sha256.</param>
/// <param name="Serial">The deploy serial.</param>
/// <param name="BootChecksum">The boot checksum (bootcsum).</param>
public sealed record Deployment(string OsName, string Checksum, int Serial, string BootChecksum)
{
    /// <summary>The name ostree gives the deployment: CHECKSUM.SERIAL.</summary>
    public string Name => $"{Checksum}.{Serial}";

    /// <summary>Its directory, relative to the physical sysroot.</summary>
    public string Directory => $"ostree/deploy/{OsName}/deploy/{Name}";

    /// <summary>Parses a deployment name (CHECKSUM.SERIAL); null when it is not one.</summary>
    public static (string Checksum, int Serial)? ParseName(string name) =>
        name.LastIndexOf('.') is var dot and > 0
            && int.TryParse(name.AsSpan(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var serial)
            && IsChecksum(name.AsSpan(0, dot))
            ? (name[..dot], serial)
            : null;

    /// <summary>Whether <paramref name="text"/> is a sha256 in lower-case hex, as ostree writes every checksum.</summary>
    public static bool IsChecksum(ReadOnlySpan<char> text) => text.Length == 64 && !text.ContainsAnyExcept("0123456789abcdef");
}
