using BootPrep.Files;
namespace BootPrep.RootFs;

/// <summary>What opening a path beneath a directory met: the outcome, and the type of the file when it was found.</summary>
/// <param name="Outcome">Where the path led.</param>
/// <param name="Kind">The type of the file it leads to; meaningful only when <see cref="Outcome"/> is <see cref="BeneathOutcome.Found"/>.</param>
public readonly record struct BeneathStatus(BeneathOutcome Outcome, EntryKind Kind);
