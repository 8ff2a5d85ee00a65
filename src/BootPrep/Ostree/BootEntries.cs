using System.Globalization;
using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Ostree;

/// <summary>
/// The boot entries of a host's current boot configuration, as ostree reads them (ostree-sysroot.c,
/// <c>_ostree_sysroot_read_boot_loader_configs</c>): <c>/boot/loader</c> links to <c>loader.0</c> or <c>loader.1</c>, whose
/// <c>entries/*.conf</c> are ordered by their version, highest first; the first is the default.
/// </summary>
public static class BootEntries
{
    /// <summary>The folder of the current entries, relative to the host's root.</summary>
    public const string Directory = "boot/loader/entries";

    private const string LoaderLink = "boot/loader";

    // An ostree entry is a few hundred bytes; a BLS file of more is not one ostree wrote.
    private const int MaxEntrySize = 64 * 1024;

    /// <summary>Which boot configuration is current (0 or 1): the target of /boot/loader.</summary>
    public static int CurrentVersion(HostEnvironment host) =>
        host.ReadLink(LoaderLink) switch
        {
            "loader.0" => 0,
            "loader.1" => 1,
            null => throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf(LoaderLink), "is not a link to loader.0 or loader.1: this is not the /boot of an ostree system"),
            var other => throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf(LoaderLink), $"links to '{other}', not loader.0 or loader.1"),
        };

    /// <summary>The current entries, the default first.</summary>
    public static IReadOnlyList<BootEntry> Read(HostEnvironment host)
    {
        var entries = new List<BootEntry>();
        foreach (var name in host.List(Directory).Where(name => name.EndsWith(".conf", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var path = $"{Directory}/{name}";
            var bytes = host.ReadBytes(path) ?? throw new BootPrepException(BootPrepErrorKind.Unreadable, host.PathOf(path), "cannot read the boot entry");
            if (bytes.Length > MaxEntrySize)
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf(path), $"has {bytes.Length} bytes, more than the {MaxEntrySize} of a boot entry");
            }

            entries.Add(BootEntry.Parse(name, System.Text.Encoding.UTF8.GetString(bytes)));
        }

        entries.Sort((x, y) => CompareVersions(y.Version, x.Version));
        return entries;
    }

    /// <summary>Orders versions as strverscmp(3) does for ostree's: runs of digits by value, the rest byte by byte.</summary>
    public static int CompareVersions(string? x, string? y)
    {
        var left = (x ?? "").AsSpan();
        var right = (y ?? "").AsSpan();
        while (!left.IsEmpty && !right.IsEmpty)
        {
            if (char.IsAsciiDigit(left[0]) && char.IsAsciiDigit(right[0]))
            {
                var leftDigits = Digits(left);
                var rightDigits = Digits(right);
                var byValue = BigIntegerOf(left[..leftDigits]).CompareTo(BigIntegerOf(right[..rightDigits]));
                if (byValue != 0)
                {
                    return byValue;
                }

                left = left[leftDigits..];
                right = right[rightDigits..];
                continue;
            }

            if (left[0] != right[0])
            {
                return left[0].CompareTo(right[0]);
            }

            left = left[1..];
            right = right[1..];
        }

        return left.Length.CompareTo(right.Length);
    }

    private static int Digits(ReadOnlySpan<char> text) => text.IndexOfAnyExceptInRange('0', '9') is var end and >= 0 ? end : text.Length;

    private static System.Numerics.BigInteger BigIntegerOf(ReadOnlySpan<char> digits) =>
        System.Numerics.BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
