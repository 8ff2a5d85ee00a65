namespace BootPrep.Tests.Support;

/// <summary>
/// The real kernel fixtures fixtures/debian/build.sh makes from Debian's linux-image and systemd-boot-efi
/// packages (cached in /var/tmp/bootprep-debian, or BOOTPREP_DEBIAN_CACHE), built on first use.
/// </summary>
internal static class DebianKernel
{
    private static readonly Lazy<string> s_cache = new(Build);

    /// <summary>The signed bzImage of Debian's kernel package.</summary>
    public static string Vmlinuz => Path.Combine(s_cache.Value, "vmlinuz");

    /// <summary>A busybox initramfs whose /init prints "BOOTPREP-BOOTED marker=uki-initrd cmdline=…" and powers off.</summary>
    public static string Initrd => Path.Combine(s_cache.Value, "initrd.img");

    /// <summary>systemd-boot-efi's linuxx64.efi.stub.</summary>
    public static string Stub => Path.Combine(s_cache.Value, "stub.efi");

    /// <summary>The UKI objcopy assembled from the stub, the kernel and the initramfs, signed by a fixture key.</summary>
    public static string Uki => Path.Combine(s_cache.Value, "uki.efi");

    /// <summary>The same UKI with only the first 64 KiB of the kernel.</summary>
    public static string SmallUki => Path.Combine(s_cache.Value, "small-uki.efi");

    /// <summary>A command-line addon: the stub with a .cmdline of "quiet loglevel=3".</summary>
    public static string Addon => Path.Combine(s_cache.Value, "addon.efi");

    /// <summary>The kernel release, e.g. 6.1.0-56-amd64.</summary>
    public static string Release => File.ReadAllText(Path.Combine(s_cache.Value, "release")).Trim();

    /// <summary>The subject of the fixture key that signs the UKIs.</summary>
    public const string UkiSigner = "CN=BootPrep Fixture UKI Signer";

    /// <summary>The UKI's .cmdline, .osrel and the addon's .cmdline, as build.sh writes them.</summary>
    public const string Cmdline = "console=ttyS0 root=/dev/vda2 ro";

    /// <summary>The addon's .cmdline.</summary>
    public const string AddonCmdline = "quiet loglevel=3";

    private static string Build() =>
        ExternalTool.Run(Path.Combine(Fixtures.RepositoryRoot, "fixtures", "debian", "build.sh")).Trim();
}
