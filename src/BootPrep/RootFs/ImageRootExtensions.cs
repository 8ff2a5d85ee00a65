using BootPrep.Files;
using BootPrep.Errors;

namespace BootPrep.RootFs;

/// <summary>Questions about an image root that tolerate what bootc's rules already report.</summary>
public static class ImageRootExtensions
{
    /// <summary>
    /// <see cref="IImageRoot.Stat"/>, with a link loop read as "not there" instead of an error: for paths whose loop
    /// is already a bootc refusal, or that bootc never looks at (the initramfs).
    /// </summary>
    public static FileStatus? TryStat(this IImageRoot root, ImagePath path)
    {
        try
        {
            return root.Stat(path);
        }
        catch (BootPrepException ex) when (ex.Kind == BootPrepErrorKind.SymlinkLoop)
        {
            return null;
        }
    }
}
