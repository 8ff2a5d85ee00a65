using BootPrep.Files;
using BootPrep.Errors;
using BootPrep.Native;

namespace BootPrep.RootFs;

/// <summary>A directory on disk as a <see cref="IResolvableTree{TNode}"/>: every node is an O_PATH descriptor opened without following links.</summary>
internal sealed class DescriptorTree(DirectoryHandle root) : IResolvableTree<NodeHandle>
{
    /// <summary>The root directory, which paths resolve beneath.</summary>
    public DirectoryHandle Directory { get; } = root;

    public NodeHandle Root => Directory;

    public (NodeHandle Node, EntryKind Kind)? Lookup(NodeHandle directory, byte[] name, string pathForErrors)
    {
        // Nothing is found under a node that is not a directory, as openat(2) finds nothing (ENOTDIR).
        if (directory is not DirectoryHandle parent)
        {
            return null;
        }

        var outcome = parent.Open(name, OpenMode.PathNoFollow);
        return outcome switch
        {
            { Failure: OpenFailure.None, Handle: { } handle } => (handle, handle.Kind),
            { Failure: OpenFailure.NotFound } => null,
            _ => throw new BootPrepException(BootPrepErrorKind.Unreadable, pathForErrors, outcome.Message),
        };
    }

    public byte[] ReadLink(NodeHandle link, string pathForErrors) => link.ReadLink(pathForErrors);

    public void Release(NodeHandle node)
    {
        if (!ReferenceEquals(node, Root))
        {
            node.Dispose();
        }
    }
}
