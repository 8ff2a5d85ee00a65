using BootPrep.Files;
using System.Text;
using BootPrep.Errors;

namespace BootPrep.RootFs;

/// <summary>
/// Resolves a path one component at a time as openat2(2) does with RESOLVE_IN_ROOT: an absolute symbolic link
/// restarts at the root, ".." at the root stays there, a missing component or one under a non-directory means
/// "not there", and more than <see cref="MaxSymlinkFollows"/> links is a loop.
/// </summary>
internal static class InRootResolver
{
    /// <summary>The kernel's MAXSYMLINKS (include/linux/namei.h).</summary>
    public const int MaxSymlinkFollows = 40;

    private const byte Slash = (byte)'/';

    /// <summary>Resolves <paramref name="path"/>, following every link; null when it is not there.</summary>
    public static Resolution<TNode>? Resolve<TNode>(IResolvableTree<TNode> tree, ImagePath path)
        where TNode : class => Resolve(tree, Encoding.UTF8.GetBytes(path.ToString()), path.ToString());

    /// <summary>Resolves the raw <paramref name="path"/> bytes; <paramref name="pathForErrors"/> names it in errors.</summary>
    public static Resolution<TNode>? Resolve<TNode>(IResolvableTree<TNode> tree, ReadOnlySpan<byte> path, string pathForErrors)
        where TNode : class
    {
        var walked = new List<(TNode Node, EntryKind Kind, byte[]? Name)> { (tree.Root, EntryKind.Directory, null) };
        var pending = new Stack<byte[]>();
        PushComponents(pending, path);
        var follows = 0;
        var completed = false;
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
                    return null;
                }

                if (name is [(byte)'.', (byte)'.'])
                {
                    if (walked.Count > 1)
                    {
                        ReleaseLast(tree, walked);
                    }

                    continue;
                }

                if (tree.Lookup(walked[^1].Node, name, pathForErrors) is not { } found)
                {
                    return null;
                }

                if (found.Kind != EntryKind.Symlink)
                {
                    walked.Add((found.Node, found.Kind, name));
                    continue;
                }

                byte[] target;
                try
                {
                    if (++follows > MaxSymlinkFollows)
                    {
                        throw new BootPrepException(BootPrepErrorKind.SymlinkLoop, pathForErrors, "too many levels of symbolic links (a link loop)");
                    }

                    target = tree.ReadLink(found.Node, pathForErrors);
                }
                finally
                {
                    tree.Release(found.Node);
                }

                if (target.Length == 0)
                {
                    return null;
                }

                if (target[0] == Slash)
                {
                    while (walked.Count > 1)
                    {
                        ReleaseLast(tree, walked);
                    }
                }

                PushComponents(pending, target);
            }

            var last = walked[^1];
            var parent = walked.Count > 1 ? walked[^2].Node : null;
            completed = true;
            return new Resolution<TNode>(last.Node, last.Kind, parent == tree.Root ? null : parent, last.Name);
        }
        finally
        {
            // Everything but the result and its parent goes back; on failure, everything does.
            var keep = completed ? 2 : 0;
            for (var i = walked.Count - 1 - keep; i >= 1; i--)
            {
                tree.Release(walked[i].Node);
            }
        }
    }

    private static void ReleaseLast<TNode>(IResolvableTree<TNode> tree, List<(TNode Node, EntryKind Kind, byte[]? Name)> walked)
        where TNode : class
    {
        tree.Release(walked[^1].Node);
        walked.RemoveAt(walked.Count - 1);
    }

    /// <summary>Pushes the non-empty components of <paramref name="path"/> so that the first is popped first.</summary>
    internal static void PushComponents(Stack<byte[]> pending, ReadOnlySpan<byte> path)
    {
        var components = new List<byte[]>();
        foreach (var range in path.Split(Slash))
        {
            if (range.End.Value > range.Start.Value)
            {
                components.Add(path[range].ToArray());
            }
        }

        for (var i = components.Count - 1; i >= 0; i--)
        {
            pending.Push(components[i]);
        }
    }
}
