using BootPrep.Files;
using BootPrep.Errors;
using BootPrep.Tar;
using BootPrep.RootFs;

namespace BootPrep.Layers;

/// <summary>
/// The image root that a stack of layers makes, built as the OCI image spec applies layers: in order, each
/// layer's whiteouts (<c>.wh.NAME</c>) and opaque markers (<c>.wh..wh..opq</c>) first hiding what lower layers
/// hold, then its entries added. Parent directories of an entry resolve inside the root, following links.
/// </summary>
internal sealed class MergedTree : IResolvableTree<MergedNode>
{
    public MergedNode Root { get; } = MergedNode.Directory();

    public (MergedNode Node, EntryKind Kind)? Lookup(MergedNode directory, byte[] name, string pathForErrors) =>
        directory.Children!.TryGetValue(name, out var child) ? (child, child.Kind) : null;

    public byte[] ReadLink(MergedNode link, string pathForErrors) => link.LinkTarget;

    public void Release(MergedNode node)
    {
    }

    /// <summary>Applies layer <paramref name="layer"/>'s entries; <paramref name="what"/> names the layer in errors.</summary>
    public void Apply(int layer, IReadOnlyList<LayerEntry> entries, string what)
    {
        // Whiteouts hide only what lower layers hold, so they all go before this layer's entries.
        var ordinary = new List<LayerEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var components = LayerPaths.Clean(entry.Name);
            var whiteout = components.Length == 0 ? null : Whiteout.Parse(components[^1], what, entry.Name);
            if (whiteout is null)
            {
                ordinary.Add(entry);
            }
            else if (ExistingDirectory(components[..^1], what) is { } parent)
            {
                switch (whiteout.Value.Kind)
                {
                    case WhiteoutKind.Opaque:
                        parent.Children!.Clear();
                        break;
                    case WhiteoutKind.Remove:
                        parent.Children!.Remove(whiteout.Value.Name);
                        break;
                }
            }
        }

        foreach (var entry in ordinary)
        {
            if (LayerPaths.Clean(entry.Name) is { Length: > 0 } components)
            {
                Add(layer, components, entry, what);
            }
        }
    }

    private void Add(int layer, byte[][] components, LayerEntry entry, string what)
    {
        var parent = EnsureDirectory(components[..^1], entry, what);
        var key = components[^1];
        if (entry.Type == TarEntryType.Directory && parent.Children!.TryGetValue(key, out var existing) && existing.Kind == EntryKind.Directory)
        {
            return;
        }

        parent.Children![key] = entry.Type switch
        {
            TarEntryType.Directory => MergedNode.Directory(),
            TarEntryType.Regular => MergedNode.File(layer, entry.DataOffset, entry.Size, entry.Content, entry.Captured),
            TarEntryType.Symlink => MergedNode.Symlink(entry.LinkName),
            TarEntryType.HardLink => HardLinkTarget(entry, what).Link(),
            _ => MergedNode.Special(),
        };
    }

    private MergedNode HardLinkTarget(LayerEntry entry, string what)
    {
        var components = LayerPaths.Clean(entry.LinkName);
        var target = components.Length == 0
            ? null
            : ExistingDirectory(components[..^1], what)?.Children!.GetValueOrDefault(components[^1]);
        return target switch
        {
            null => throw Bad(what, entry, $"hard link to {LayerPaths.Display(entry.LinkName)}, which is not in the image"),
            { Kind: EntryKind.Directory } => throw Bad(what, entry, $"hard link to the directory {LayerPaths.Display(entry.LinkName)}"),
            _ => target,
        };
    }

    /// <summary>The directory at <paramref name="components"/>, following links inside the root; null when there is none.</summary>
    private MergedNode? ExistingDirectory(byte[][] components, string what)
    {
        var resolution = InRootResolver.Resolve(this, LayerPaths.Join(components), $"{what}: {LayerPaths.Display(LayerPaths.Join(components))}");
        return resolution is { Kind: EntryKind.Directory } ? resolution.Node : null;
    }

    /// <summary>The directory at <paramref name="components"/>, created where missing, as tar extraction creates parents.</summary>
    private MergedNode EnsureDirectory(byte[][] components, LayerEntry entry, string what, int depth = 0)
    {
        if (depth > InRootResolver.MaxSymlinkFollows)
        {
            throw new BootPrepException(BootPrepErrorKind.SymlinkLoop, what, "too many levels of symbolic links (a link loop)");
        }

        var node = Root;
        for (var i = 0; i < components.Length; i++)
        {
            var key = components[i];
            if (!node.Children!.TryGetValue(key, out var child))
            {
                child = MergedNode.Directory();
                node.Children[key] = child;
            }
            else if (child.Kind == EntryKind.Symlink)
            {
                // A link to nothing gets its target made, inside the root, as tar extraction does.
                child = ExistingDirectory(components[..(i + 1)], what)
                    ?? EnsureDirectory(LayerPaths.LinkTarget(components[..(i + 1)], child.LinkTarget), entry, what, depth + 1);
            }
            else if (child.Kind != EntryKind.Directory)
            {
                throw Bad(what, entry, $"its parent {LayerPaths.Display(LayerPaths.Join(components[..(i + 1)]))} is not a directory");
            }

            node = child;
        }

        return node;
    }


    private static BootPrepException Bad(string what, LayerEntry entry, string problem) =>
        new(BootPrepErrorKind.InvalidImage, what, $"entry {LayerPaths.Display(entry.Name)}: {problem}");
}
