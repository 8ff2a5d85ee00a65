using BootPrep.Files;
namespace BootPrep.RootFs;

/// <summary>
/// The no-follow primitives a tree offers so that <see cref="InRootResolver"/> can walk it: one lookup per name,
/// one read per link. Directories on a disk and the merged view of image layers both provide them.
/// </summary>
/// <typeparam name="TNode">A handle to one file in the tree.</typeparam>
internal interface IResolvableTree<TNode>
    where TNode : class
{
    /// <summary>The root directory; never released.</summary>
    TNode Root { get; }

    /// <summary>Looks <paramref name="name"/> up in <paramref name="directory"/> without following it; null when absent.</summary>
    (TNode Node, EntryKind Kind)? Lookup(TNode directory, byte[] name, string pathForErrors);

    /// <summary>The target of a symbolic link, as stored.</summary>
    byte[] ReadLink(TNode link, string pathForErrors);

    /// <summary>Gives back a node the walk no longer needs.</summary>
    void Release(TNode node);
}
