using BootPrep.Files;
namespace BootPrep.RootFs;

/// <summary>
/// Resolves a path as openat2(2) does with RESOLVE_BENEATH, which cap-std (and so bootc) uses: links are followed,
/// but an absolute link or a ".." above the starting directory fails instead of being kept inside, as
/// <see cref="InRootResolver"/> keeps it.
/// </summary>
internal static class BeneathResolver
{
    /// <summary>
    /// Resolves <paramref name="path"/> beneath the directory <paramref name="within"/> leads to (itself resolved
    /// beneath the root), or beneath the root when it is null.
    /// </summary>
    public static BeneathStatus Stat<TNode>(IResolvableTree<TNode> tree, ImagePath path, ImagePath? within)
        where TNode : class
    {
        if (within is null)
        {
            return Walk(tree, tree.Root, path, keepResult: false).Status;
        }

        var (status, directory) = Walk(tree, tree.Root, within.Value, keepResult: true);
        if (directory is null)
        {
            return status;
        }

        try
        {
            return status.Kind == EntryKind.Directory
                ? Walk(tree, directory, path, keepResult: false).Status
                : new BeneathStatus(BeneathOutcome.NotADirectory, status.Kind);
        }
        finally
        {
            tree.Release(directory);
        }
    }

    private static (BeneathStatus Status, TNode? Node) Walk<TNode>(IResolvableTree<TNode> tree, TNode start, ImagePath path, bool keepResult)
        where TNode : class
    {
        var display = path.ToString();
        var walked = new List<(TNode Node, EntryKind Kind)> { (start, EntryKind.Directory) };
        var pending = new Stack<byte[]>();
        InRootResolver.PushComponents(pending, System.Text.Encoding.UTF8.GetBytes(display));
        var follows = 0;
        var kept = false;
        try
        {
            while (pending.TryPop(out var name))
            {
                if (name is [(byte)'.'])
                {
                    continue;
                }

                if (walked[^1].Kind != EntryKind.Directory)
                {
                    return (new BeneathStatus(BeneathOutcome.NotADirectory, walked[^1].Kind), null);
                }

                if (name is [(byte)'.', (byte)'.'])
                {
                    if (walked.Count == 1)
                    {
                        return (new BeneathStatus(BeneathOutcome.Escapes, EntryKind.Directory), null);
                    }

                    tree.Release(walked[^1].Node);
                    walked.RemoveAt(walked.Count - 1);
                    continue;
                }

                if (tree.Lookup(walked[^1].Node, name, display) is not { } found)
                {
                    return (new BeneathStatus(BeneathOutcome.Missing, EntryKind.Regular), null);
                }

                if (found.Kind != EntryKind.Symlink)
                {
                    walked.Add(found);
                    continue;
                }

                byte[] target;
                try
                {
                    if (++follows > InRootResolver.MaxSymlinkFollows)
                    {
                        return (new BeneathStatus(BeneathOutcome.Loop, EntryKind.Symlink), null);
                    }

                    target = tree.ReadLink(found.Node, display);
                }
                finally
                {
                    tree.Release(found.Node);
                }

                if (target.Length == 0)
                {
                    return (new BeneathStatus(BeneathOutcome.Missing, EntryKind.Symlink), null);
                }

                if (target[0] == (byte)'/')
                {
                    return (new BeneathStatus(BeneathOutcome.Escapes, EntryKind.Symlink), null);
                }

                InRootResolver.PushComponents(pending, target);
            }

            var last = walked[^1];
            kept = keepResult && walked.Count > 1;
            return (new BeneathStatus(BeneathOutcome.Found, last.Kind), keepResult ? last.Node : null);
        }
        finally
        {
            // The start belongs to the caller; the result too when it was asked for.
            for (var i = walked.Count - 1; i >= 1; i--)
            {
                if (!(kept && i == walked.Count - 1))
                {
                    tree.Release(walked[i].Node);
                }
            }
        }
    }
}
