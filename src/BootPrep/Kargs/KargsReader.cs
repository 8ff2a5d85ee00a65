using System.Text;
using BootPrep.Errors;
using BootPrep.RootFs;
using Tomlyn;

namespace BootPrep.Kargs;

/// <summary>
/// Reads the kernel arguments an image carries in usr/lib/bootc/kargs.d, as bootc does: files named *.toml in
/// byte order of their names, each with a required <c>kargs</c> array and an optional <c>match-architectures</c>
/// filter; any other key, or bad TOML, is an error.
/// </summary>
public static class KargsReader
{
    /// <summary>Where the files live, relative to the image root.</summary>
    public const string Directory = "usr/lib/bootc/kargs.d";

    /// <summary>The largest kargs.d file read; kernel command lines are at most a few KiB.</summary>
    public const int MaxFileSize = 1024 * 1024;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The combined arguments that apply to <paramref name="architecture"/> (a Rust architecture name).</summary>
    public static IReadOnlyList<string> Read(IImageRoot root, string architecture)
    {
        var entries = root.ReadDirectory(Directory);
        if (entries is null)
        {
            return [];
        }

        var files = entries
            .Where(entry => entry.Name is { } name && FileNames.HasExtension(name, "toml"))
            .Order(Comparer<DirectoryEntry>.Create(DirectoryEntry.CompareByBytes));

        var kargs = new List<string>();
        foreach (var file in files)
        {
            var path = $"{Directory}/{file.Name}";
            kargs.AddRange(Parse(ReadText(root, path), path, architecture));
        }

        return kargs;
    }

    /// <summary>The arguments of one file's text, or none when its architectures do not match.</summary>
    internal static IReadOnlyList<string> Parse(string text, string path, string architecture)
    {
        KargsFile? file;
        try
        {
            file = TomlSerializer.Deserialize(text, KargsTomlContext.Default.KargsFile);
        }
        catch (TomlException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidKargs, path, $"invalid TOML: {FirstLine(ex.Message)}", ex);
        }

        if (file is null)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidKargs, path, "empty document; expected kargs = [\"…\"]");
        }

        if (file.Unknown is { Count: > 0 } unknown)
        {
            var keys = string.Join(", ", unknown.Keys.Order(StringComparer.Ordinal));
            throw new BootPrepException(BootPrepErrorKind.InvalidKargs, path, $"unknown key {keys}; bootc accepts only kargs and match-architectures");
        }

        if (file.Kargs is null)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidKargs, path, "missing key kargs; expected kargs = [\"…\"]");
        }

        var applies = file.MatchArchitectures is null || file.MatchArchitectures.Contains(architecture, StringComparer.Ordinal);
        return applies ? file.Kargs : [];
    }

    private static string ReadText(IImageRoot root, string path)
    {
        using var stream = root.OpenRead(path);
        var buffer = new byte[MaxFileSize + 1];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (length > MaxFileSize)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidKargs, path, $"larger than {MaxFileSize} bytes; not a kargs file");
        }

        try
        {
            return s_strictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidKargs, path, "not valid UTF-8");
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? message : message[..end];
    }
}
