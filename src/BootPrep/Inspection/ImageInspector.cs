using BootPrep.Detection;
using BootPrep.Kargs;
using BootPrep.RootFs;

namespace BootPrep.Inspection;

/// <summary>Describes the kernel an image root boots and the arguments it carries.</summary>
public static class ImageInspector
{
    /// <summary>Inspects <paramref name="root"/>, applying kargs.d files meant for <paramref name="architecture"/> (a Rust architecture name).</summary>
    public static InspectReport Inspect(IImageRoot root, string architecture)
    {
        var detection = KernelFinder.Find(root);
        var kargs = KargsReader.Read(root, architecture);
        var kernel = detection.Kernel is { } detected ? KernelInspector.Describe(root, detected) : null;
        return new InspectReport(kargs, kernel, detection.Candidates);
    }
}
