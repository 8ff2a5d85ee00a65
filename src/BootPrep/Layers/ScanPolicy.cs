using System.Text;

namespace BootPrep.Layers;

/// <summary>
/// Which files' data the one verified pass over each layer keeps, so that reading them later needs no second pass:
/// small files in memory, kernel-sized ones in memory files. Patterns are paths relative to the root in which
/// <c>*</c> stands for exactly one name ("usr/lib/modules/*/vmlinuz").
/// </summary>
/// <param name="KeepSmall">Files whose data is kept in memory when it is at most <see cref="LayerScanner.MaxKeptContent"/> bytes.</param>
/// <param name="Capture">Files whose data is copied into a memory file, whatever its size.</param>
public sealed record ScanPolicy(IReadOnlyList<string> KeepSmall, IReadOnlyList<string> Capture)
{
    private readonly byte[][][] _keepSmall = [.. KeepSmall.Select(Split)];
    private readonly byte[][][] _capture = [.. Capture.Select(Split)];

    // Every directory on the way to a pattern, the root included ("usr", "usr/lib", ..., "usr/lib/modules/*").
    private readonly byte[][][] _listed = [.. KeepSmall.Concat(Capture).Select(Split).SelectMany(Ancestors)];

    /// <summary>Keeps nothing: every file's data is read again, verified, from its layer when asked for.</summary>
    public static ScanPolicy None { get; } = new([], []);

    internal bool KeepsSmall(ReadOnlySpan<byte> name, List<Range> components) => MatchesAny(_keepSmall, name, components);

    internal bool Captures(ReadOnlySpan<byte> name, List<Range> components) => MatchesAny(_capture, name, components);

    /// <summary>How many names the deepest directory on the way to a pattern has.</summary>
    internal int ListedDepth { get; } = KeepSmall.Concat(Capture).Select(pattern => pattern.Split('/').Length - 1).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Whether a directory (its path as <paramref name="components"/>, ranges of <paramref name="name"/>) is on the way to
    /// a pattern: what detection looks for there, or lists there, is found by reading this directory whole.
    /// </summary>
    internal bool Lists(ReadOnlySpan<byte> name, List<Range> components) => MatchesAny(_listed, name, components);

    private static IEnumerable<byte[][]> Ancestors(byte[][] pattern) =>
        Enumerable.Range(0, pattern.Length).Select(length => pattern[..length]);

    private static byte[][] Split(string pattern) => [.. pattern.Split('/').Select(Encoding.UTF8.GetBytes)];

    /// <summary>Whether a cleaned path (<paramref name="components"/>, ranges of <paramref name="name"/>) matches one of <paramref name="patterns"/>.</summary>
    private static bool MatchesAny(byte[][][] patterns, ReadOnlySpan<byte> name, List<Range> components)
    {
        foreach (var pattern in patterns)
        {
            if (Matches(pattern, name, components))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(byte[][] pattern, ReadOnlySpan<byte> name, List<Range> components)
    {
        if (pattern.Length != components.Count)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (!(pattern[i] is [(byte)'*'] || pattern[i].AsSpan().SequenceEqual(name[components[i]])))
            {
                return false;
            }
        }

        return true;
    }
}
