using BootPrep.Files;
namespace BootPrep.RootFs;

/// <summary>Where a path led inside the root: the file, its type, and the directory that holds it (null for the root itself).</summary>
/// <typeparam name="TNode">A handle to one file in the tree.</typeparam>
internal sealed record Resolution<TNode>(TNode Node, EntryKind Kind, TNode? Parent, byte[]? Name)
    where TNode : class
{
    /// <summary>Gives the nodes back to their tree.</summary>
    public void Release(IResolvableTree<TNode> tree)
    {
        tree.Release(Node);
        if (Parent is not null)
        {
            tree.Release(Parent);
        }
    }
}
