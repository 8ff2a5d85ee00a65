using BootPrep.Architectures;

namespace BootPrep.Hosts;

/// <summary>
/// The machine bootprep runs on, as the library sees it: one root under which its <c>/proc</c>, <c>/sys</c>,
/// <c>/run</c>, <c>/boot</c> and <c>/sysroot</c> are read, and its architecture. <c>Program</c> hands in
/// <see cref="Current"/>; a test hands in a tree and an architecture of its choice. Nothing else reads the host.
/// </summary>
/// <param name="Root">Where the host's file system starts: "/" for this machine.</param>
/// <param name="Architecture">The architecture the host runs.</param>
/// <param name="CacheDirectory">Where summaries of layers seen before are kept, or null for none.</param>
public sealed record HostEnvironment(string Root, CpuArchitecture Architecture, string? CacheDirectory = null)
{
    /// <summary>This machine, with its cache in $XDG_CACHE_HOME/bootprep, else /var/cache/bootprep for root, ~/.cache/bootprep for others.</summary>
    public static HostEnvironment Current { get; } = new("/", CpuArchitecture.Host, UserCacheDirectory());

    /// <summary>The host path of <paramref name="path"/>, which is relative to the host's root ("proc/cmdline").</summary>
    public string PathOf(string path) => Path.Combine(Root, path);

    /// <summary>The text of a small host file without surrounding white space, or null when it cannot be read.</summary>
    public string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(PathOf(path)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The bytes of a small host file, or null when it cannot be read. At most <paramref name="maxSize"/> + 1 bytes
    /// are read: a result longer than <paramref name="maxSize"/> says the file is too large, without reading the rest.
    /// </summary>
    public byte[]? ReadBytes(string path, int maxSize = int.MaxValue - 1)
    {
        try
        {
            using var file = File.OpenRead(PathOf(path));
            var buffer = new byte[file.Length is var length and < int.MaxValue ? Math.Min(length, maxSize + 1L) : maxSize + 1L];
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return read == buffer.Length ? buffer : buffer[..read];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the host file <paramref name="path"/> with <paramref name="text"/> at once (a file beside it, then a
    /// rename), creating its folder.
    /// </summary>
    public void WriteText(string path, string text)
    {
        var target = PathOf(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>Removes the host file <paramref name="path"/>; nothing happens when it is not there.</summary>
    public void Delete(string path)
    {
        if (File.Exists(PathOf(path)))
        {
            File.Delete(PathOf(path));
        }
    }

    /// <summary>Whether <paramref name="path"/> is a directory on the host.</summary>
    public bool HasDirectory(string path) => Directory.Exists(PathOf(path));

    /// <summary>Whether anything (a file, a directory, a link) is at <paramref name="path"/> on the host.</summary>
    public bool Exists(string path) => Path.Exists(PathOf(path)) || ReadLink(path) is not null;

    /// <summary>The target of the symbolic link at <paramref name="path"/> as written in it, or null when it is not a link.</summary>
    public string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(PathOf(path)).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The names of the entries of the host directory <paramref name="path"/>, or an empty list when it cannot be read.</summary>
    public IReadOnlyList<string> List(string path)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(PathOf(path)).Select(entry => Path.GetFileName(entry))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    // The XDG base directory specification: $XDG_CACHE_HOME when it is an absolute path; else, for root, the system's
    // cache (FHS /var/cache), and ~/.cache for anyone else.
    private static string? UserCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (xdg is { Length: > 0 } && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "bootprep");
        }

        if (Environment.IsPrivilegedProcess)
        {
            return "/var/cache/bootprep";
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        return home is { Length: > 0 } && Path.IsPathRooted(home) ? Path.Combine(home, ".cache", "bootprep") : null;
    }
}
