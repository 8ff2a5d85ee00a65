namespace BootPrep.Layers;

/// <summary>
/// A question a pruned <see cref="MergedTree"/> cannot answer: it needs a name in a directory whose files the tree
/// dropped. The root that owns the tree merges its layers again, keeping everything, and asks again.
/// </summary>
internal sealed class PrunedTreeException : Exception
{
}
