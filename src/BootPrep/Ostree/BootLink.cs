using System.Globalization;
using BootPrep.Bls;
using BootPrep.Kargs;

namespace BootPrep.Ostree;

/// <summary>
/// The value of the <c>ostree=</c> kernel argument: <c>/ostree/boot.BOOTVERSION/OS/BOOTCSUM/BOOTSERIAL</c>, a link
/// in the physical sysroot to the deployment's directory, which ostree-prepare-root follows to find the root.
/// </summary>
/// <param name="BootVersion">0 or 1: which of the two boot configurations the link belongs to.</param>
/// <param name="OsName">The deployment's stateroot.</param>
/// <param name="BootChecksum">The deployment's boot checksum.</param>
/// <param name="BootSerial">How many deployments of the same OS and boot checksum come before it in the boot order.</param>
public sealed record BootLink(int BootVersion, string OsName, string BootChecksum, int BootSerial)
{
    /// <summary>The kernel argument's key.</summary>
    public const string Key = "ostree";

    /// <summary>The value, as the kernel argument carries it.</summary>
    public override string ToString() => $"/ostree/boot.{BootVersion}/{OsName}/{BootChecksum}/{BootSerial}";

    /// <summary>The kernel argument.</summary>
    public string Argument => $"{Key}={this}";

    /// <summary>The <c>ostree=</c> argument of <paramref name="entry"/>, or null when it has none or it is not of ostree's shape.</summary>
    public static BootLink? Of(BootEntry entry) => Find(entry.Options);

    /// <summary>The last <c>ostree=</c> argument of a command line, as ostree-prepare-root reads it, or null.</summary>
    public static BootLink? Find(string cmdline) =>
        KernelCommandLine.Split(cmdline).Select(KernelParameter.Parse).LastOrDefault(parameter => parameter.Key == Key) is { Value: { } value }
            ? Parse(value)
            : null;

    /// <summary>Parses a value of <c>ostree=</c>; null when it does not have the shape ostree writes.</summary>
    public static BootLink? Parse(string value) =>
        value.Split('/') is ["", "ostree", var boot, var os, var bootcsum, var serial]
            && boot.StartsWith("boot.", StringComparison.Ordinal)
            && int.TryParse(boot.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && os.Length > 0
            && Deployment.IsChecksum(bootcsum)
            && int.TryParse(serial, NumberStyles.None, CultureInfo.InvariantCulture, out var bootSerial)
            ? new BootLink(version, os, bootcsum, bootSerial)
            : null;
}
