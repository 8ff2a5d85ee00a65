using BootPrep.Architectures;
using BootPrep.Bootc;
using BootPrep.Detection;
using BootPrep.Errors;
using BootPrep.Hosts;
using BootPrep.Kargs;
using BootPrep.RootFs;

namespace BootPrep.Inspection;

/// <summary>Describes the kernel an image root boots, the arguments it carries, and whether bootc would accept it.</summary>
public static class ImageInspector
{
    /// <summary>
    /// Inspects the root of the image named <paramref name="source"/>, applying kargs.d files meant for the architecture
    /// <paramref name="option"/> names, else the image's, else <paramref name="host"/>'s; errors name the image.
    /// </summary>
    public static InspectReport Inspect(IImageRoot root, string source, CpuArchitecture? option, HostEnvironment host)
    {
        try
        {
            return Inspect(root, ArchitectureChoice.For(option, root, host));
        }
        catch (BootPrepException ex)
        {
            throw ex.Within(source);
        }
    }

    /// <summary>Inspects <paramref name="root"/>, applying kargs.d files meant for <paramref name="architecture"/>.</summary>
    public static InspectReport Inspect(IImageRoot root, ArchitectureChoice architecture)
    {
        // bootc reads kargs.d first, then finds the kernel (crates/lib/src/status.rs, container_inspect).
        var kargs = KargsReader.Read(root, architecture.Name);
        var detection = KernelFinder.Find(root);
        var refusals = new List<BootcRefusal>(kargs.Refusals);
        refusals.AddRange(detection.Refusals);
        var kernel = detection.Kernel is { } detected ? KernelInspector.Describe(root, detected, refusals) : null;
        return new InspectReport(kargs.Kargs, kernel, architecture, BootcVerdict.From(refusals), detection.Candidates);
    }
}
