using System.Text.Json.Nodes;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Native;

namespace BootPrep.Expectations;

/// <summary>The file <c>--expect</c> compares with: read size-capped from a regular file, written whole or not at all.</summary>
public static class ExpectationFile
{
    private const int MaxExpectationSize = 64 * 1024 * 1024;

    /// <summary>The expectation in <paramref name="file"/>; a missing or malformed file says to run with --update.</summary>
    public static JsonNode? Read(string file)
    {
        byte[] bytes;
        try
        {
            bytes = HostFiles.ReadAllBytes(file, MaxExpectationSize, "the expectation file");
        }
        catch (BootPrepException ex) when (ex.Kind == BootPrepErrorKind.NotFound)
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, file, "no such file; run with --update to write it");
        }

        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.Unreadable, file, $"{JsonErrors.Describe(ex)}; run with --update to rewrite it");
        }
    }

    /// <summary>
    /// Writes <paramref name="json"/> to <paramref name="file"/> whole or not at all: a sibling file renamed over it, removed on failure. A link
    /// is written through (its target replaced); anything but a regular file is refused, never replaced.
    /// </summary>
    public static void Write(string file, string json)
    {
        var link = new FileInfo(file);
        var full = link.LinkTarget is null ? link.FullName : link.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        if (HostFiles.KindOf(full) is { } kind and not EntryKind.Regular)
        {
            throw new BootPrepException(BootPrepErrorKind.WriteFailed, file, $"cannot write the expectation: it is {kind.Describe()}, not a regular file");
        }

        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.bootprep-{Guid.NewGuid():N}");
        try
        {
            System.IO.File.WriteAllText(temporary, json + "\n");
            System.IO.File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (System.IO.File.Exists(temporary))
            {
                System.IO.File.Delete(temporary);
            }

            var reason = ex is DirectoryNotFoundException ? "its directory does not exist" : SystemErrors.Describe(ex, file);
            throw new BootPrepException(BootPrepErrorKind.WriteFailed, file, $"cannot write the expectation: {reason}");
        }
    }
}
