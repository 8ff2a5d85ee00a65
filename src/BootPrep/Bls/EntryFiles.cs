using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Bls;

/// <summary>Reads the <c>*.conf</c> entries of a host's loader/entries directory.</summary>
public static class EntryFiles
{
    // An entry is a few hundred bytes; a file of more is not one a boot loader tool wrote.
    private const int MaxEntrySize = 64 * 1024;

    /// <summary>The entries in <paramref name="directory"/> (relative to the host's root), in byte order of their names; none when it is not there.</summary>
    public static IReadOnlyList<BootEntry> Read(HostEnvironment host, string directory)
    {
        var entries = new List<BootEntry>();
        foreach (var name in host.List(directory).Where(name => name.EndsWith(".conf", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var path = $"{directory}/{name}";
            var bytes = host.ReadBytes(path, MaxEntrySize) ?? throw new BootPrepException(BootPrepErrorKind.Unreadable, host.PathOf(path), "cannot read the boot entry");
            if (bytes.Length > MaxEntrySize)
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidDeployment, host.PathOf(path), $"has more than the {MaxEntrySize} bytes of a boot entry");
            }

            entries.Add(BootEntry.Parse(name, System.Text.Encoding.UTF8.GetString(bytes)));
        }

        return entries;
    }
}
