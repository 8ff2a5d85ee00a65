using BootPrep.Files;
using BootPrep.Errors;
using BootPrep.Native;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.RootFs;

/// <summary>A directory on disk as a <see cref="IResolvableTree{TNode}"/>: every node is an O_PATH descriptor opened without following links.</summary>
internal sealed class DescriptorTree(SafeFileHandle root) : IResolvableTree<SafeFileHandle>
{
    public SafeFileHandle Root { get; } = root;

    public (SafeFileHandle Node, EntryKind Kind)? Lookup(SafeFileHandle directory, byte[] name, string pathForErrors)
    {
        var outcome = FileDescriptors.OpenAt(directory, name, OpenMode.PathNoFollow);
        switch (outcome.Failure)
        {
            case OpenFailure.None:
                var handle = outcome.Handle!;
                return (handle, FileDescriptors.Stat(handle, pathForErrors).Kind);
            case OpenFailure.NotFound:
                return null;
            default:
                throw new BootPrepException(BootPrepErrorKind.Unreadable, pathForErrors, outcome.Message);
        }
    }

    public byte[] ReadLink(SafeFileHandle link, string pathForErrors) => FileDescriptors.ReadLink(link, pathForErrors);

    public void Release(SafeFileHandle node)
    {
        if (!ReferenceEquals(node, Root))
        {
            node.Dispose();
        }
    }
}
