using BootPrep.Files;
using System.Text;
using BootPrep.Bootc;
using BootPrep.Errors;
using BootPrep.RootFs;
using Tomlyn;

namespace BootPrep.Kargs;

/// <summary>
/// Reads the kernel arguments an image carries in usr/lib/bootc/kargs.d as bootc 1.16's <c>get_kargs_in_root</c>
/// (crates/lib/src/bootc_kargs.rs) does: entries named <c>*.toml</c> in byte order of their names, each with a
/// required <c>kargs</c> list and an optional <c>match-architectures</c> filter, joined and added one parameter at a
/// time so that a parameter already there is not added again. Where bootc would stop, the problem is recorded and
/// reading goes on, so that a report can show everything.
/// </summary>
public static class KargsReader
{
    /// <summary>Where the files live, relative to the image root.</summary>
    public static readonly ImagePath Directory = ImagePath.Parse("usr/lib/bootc/kargs.d");

    /// <summary>The largest kargs.d file read; kernel command lines are at most a few KiB.</summary>
    public const int MaxFileSize = 1024 * 1024;

    private const string Extension = "toml";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The combined arguments that apply to <paramref name="architecture"/> (a Rust architecture name).</summary>
    public static KargsResult Read(IImageRoot root, string architecture)
    {
        var refusals = new List<BootcRefusal>();
        var kargs = new KernelCommandLine();
        var directory = root.StatBeneath(Directory);
        if (directory.Outcome == BeneathOutcome.Missing)
        {
            return new KargsResult([], refusals);
        }

        // Where bootc cannot open the directory (a link out of the root), BootPrep still reads where it leads inside.
        var refused = BootcPaths.Refusal(directory, Directory, expectDirectory: true);
        if (refused is not null)
        {
            refusals.Add(refused);
            if (root.TryStat(Directory) is not { Kind: EntryKind.Directory })
            {
                return new KargsResult([], refusals);
            }
        }

        var entries = root.ReadDirectory(Directory) ?? [];
        refusals.AddRange(entries
            .Where(entry => entry.Name is null)
            .Order(Comparer<DirectoryEntry>.Create(DirectoryEntry.CompareByBytes))
            .Select(entry => new BootcRefusal(BootcRefusalCode.NameNotUtf8, Directory / entry.DisplayName, "the name is not UTF-8, which fails bootc's listing of the directory")));

        var files = entries
            .Where(entry => entry.Name is { } name && FileNames.HasExtension(name, Extension))
            .Order(Comparer<DirectoryEntry>.Create(DirectoryEntry.CompareByBytes));
        foreach (var file in files)
        {
            var path = Directory / file.Name!;
            var status = refused is null ? root.StatBeneath(ImagePath.Root / file.Name!, within: Directory) : InRoot(root, path);
            if (BootcPaths.Refusal(status, path, expectDirectory: false) is { } unreadable)
            {
                refusals.Add(unreadable);
                continue;
            }

            if (ReadText(root, path) is not { } text)
            {
                refusals.Add(new BootcRefusal(BootcRefusalCode.NotUtf8, path, "the file is not UTF-8"));
                continue;
            }

            var (applied, invalid) = Parse(text, path, architecture);
            if (invalid is not null)
            {
                refusals.Add(invalid);
            }
            else if (applied is not null)
            {
                kargs.Extend(applied);
            }
        }

        return new KargsResult([.. kargs.Parameters], refusals);
    }

    /// <summary>
    /// One file's text as bootc's <c>parse_kargs_toml</c> reads it: its arguments joined with spaces (null when
    /// <c>match-architectures</c> leaves <paramref name="architecture"/> out), or why bootc refuses it.
    /// </summary>
    internal static (KernelCommandLine? Kargs, BootcRefusal? Refusal) Parse(string text, ImagePath path, string architecture)
    {
        KargsFile? file;
        try
        {
            file = TomlSerializer.Deserialize(text, KargsTomlContext.Default.KargsFile);
        }
        catch (TomlException ex)
        {
            return (null, new BootcRefusal(BootcRefusalCode.InvalidToml, path, $"invalid TOML: {FirstLine(ex.Message)}"));
        }

        if (file?.Unknown is { Count: > 0 } unknown)
        {
            var keys = string.Join(", ", unknown.Keys.Order(StringComparer.Ordinal));
            return (null, new BootcRefusal(BootcRefusalCode.UnknownKey, path, $"unknown key {keys}; bootc accepts only kargs and match-architectures"));
        }

        if (file?.Kargs is not { } list)
        {
            return (null, new BootcRefusal(BootcRefusalCode.MissingKargs, path, "missing key kargs; expected kargs = [\"…\"]"));
        }

        // An empty match-architectures list matches nothing; an absent one matches everything.
        var applies = file.MatchArchitectures is not { } architectures || architectures.Contains(architecture, StringComparer.Ordinal);
        return (applies ? new KernelCommandLine(string.Join(' ', list)) : null, null);
    }

    /// <summary>Where <paramref name="path"/> leads inside the root, for a directory bootc could not open at all.</summary>
    private static BeneathStatus InRoot(IImageRoot root, ImagePath path) =>
        root.TryStat(path) is { } status ? new BeneathStatus(BeneathOutcome.Found, status.Kind) : new BeneathStatus(BeneathOutcome.Missing, EntryKind.Regular);

    /// <summary>The file's text, or null when it is not UTF-8.</summary>
    private static string? ReadText(IImageRoot root, ImagePath path)
    {
        // Sized by the file (kargs.d files are a few hundred bytes), never beyond the cap plus one byte to see past it.
        var size = root.TryStat(path)?.Size ?? 0;
        using var stream = root.OpenRead(path);
        var buffer = new byte[Math.Min(size, MaxFileSize) + 1];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (length > MaxFileSize || length > size)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidKargs, path.ToString(), length > MaxFileSize ? $"larger than {MaxFileSize} bytes; not a kargs file" : "it grew while it was read");
        }

        try
        {
            return s_strictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? message : message[..end];
    }
}
