namespace BootPrep.Layers;

/// <summary>
/// A handle on one file of a <see cref="MergedTree"/> (its record's index), handed to the path resolvers, which
/// walk trees of objects; the tree itself keeps no object per file.
/// </summary>
/// <param name="Index">The record's index in its tree.</param>
internal sealed record MergedNode(int Index);
