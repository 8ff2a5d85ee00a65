using BootPrep.Files;
using BootPrep.RootFs;

namespace BootPrep.Bootc;

/// <summary>What bootc makes of a path it opens beneath a directory with cap-std.</summary>
public static class BootcPaths
{
    /// <summary>
    /// The refusal bootc would end with when it opens <paramref name="path"/> as a directory
    /// (<paramref name="expectDirectory"/>) or reads it as a file; null when it can. A missing directory is not a
    /// refusal (bootc opens its directories as optional), a missing file is.
    /// </summary>
    public static BootcRefusal? Refusal(BeneathStatus status, ImagePath path, bool expectDirectory) => status switch
    {
        { Outcome: BeneathOutcome.Missing } when expectDirectory => null,
        { Outcome: BeneathOutcome.Missing } => new(BootcRefusalCode.NotFound, path, "a dangling link; bootc cannot open it"),
        { Outcome: BeneathOutcome.Escapes } => new(BootcRefusalCode.EscapesRoot, path, "an absolute link or a '..' above the directory bootc opens it from; bootc resolves paths beneath it and refuses"),
        { Outcome: BeneathOutcome.Loop } => new(BootcRefusalCode.SymlinkLoop, path, "too many levels of symbolic links (a link loop)"),
        { Outcome: BeneathOutcome.NotADirectory } => new(BootcRefusalCode.NotADirectory, path, "a component of the path is not a directory"),
        { Kind: not EntryKind.Directory } when expectDirectory => new(BootcRefusalCode.NotADirectory, path, $"not a directory (found {status.Kind.Describe()})"),
        { Kind: EntryKind.Directory } when !expectDirectory => new(BootcRefusalCode.IsADirectory, path, "a directory where bootc reads a file"),
        { Kind: EntryKind.Other } when !expectDirectory => new(BootcRefusalCode.NotARegularFile, path, "a device, FIFO or socket where bootc reads a file"),
        _ => null,
    };
}
