using System.CommandLine;

namespace BootPrep.Cli.Commands;

/// <summary>The image argument every command takes, named as skopeo names its transports.</summary>
internal static class SourceArgument
{
    /// <summary>Creates the argument; <paramref name="alsoRoot"/> says whether a directory holding a root is accepted.</summary>
    public static Argument<string> Create(string name, bool alsoRoot) => new Argument<string>(name)
    {
        Description = "The image: oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], or a path to one of these"
            + (alsoRoot ? " or to a directory holding the image root." : "."),
    }.Checked($"<{name}>");
}
