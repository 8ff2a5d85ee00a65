using System.Globalization;

namespace BootPrep.Bls;

/// <summary>The orders boot loaders put entries in, which decide the default (the first).</summary>
public static class EntryOrder
{
    /// <summary>ostree's (<c>compare_boot_loader_configs</c>): by version, highest first; entries without one last.</summary>
    public static int ByVersion(BootEntry x, BootEntry y) => (x.Version, y.Version) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        var (left, right) => CompareVersions(right, left),
    };

    /// <summary>
    /// systemd-boot's (Boot Loader Specification, "Sorting"): entries with a sort-key first, by sort-key ascending,
    /// then by version, highest first; then the rest by version.
    /// </summary>
    public static int BySortKey(BootEntry x, BootEntry y) => (x.SortKey, y.SortKey) switch
    {
        (null, null) => ByVersion(x, y),
        (null, _) => 1,
        (_, null) => -1,
        var (left, right) => string.CompareOrdinal(left, right) is var order and not 0 ? order : ByVersion(x, y),
    };

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
