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
    /// <paramref name="option"/> names, else the image's, else <paramref name="host"/>'s; errors name the image. With
    /// <paramref name="cached"/>, a kernel described before is taken from the host's cache (<see cref="KernelDescriptionCache"/>).
    /// </summary>
    public static InspectReport Inspect(IImageRoot root, string source, CpuArchitecture? option, HostEnvironment host, bool cached = false)
    {
        try
        {
            var cache = cached && host.CacheDirectory is { } directory ? new KernelDescriptionCache(directory) : null;
            return Inspect(root, ArchitectureChoice.For(option, root, host), cache);
        }
        catch (BootPrepException ex)
        {
            throw ex.Within(source);
        }
    }

    /// <summary>
    /// Inspects <paramref name="root"/>, applying kargs.d files meant for <paramref name="architecture"/>; the kernel
    /// is described from <paramref name="cache"/> when it holds it.
    /// </summary>
    public static InspectReport Inspect(IImageRoot root, ArchitectureChoice architecture, KernelDescriptionCache? cache = null)
    {
        // bootc reads kargs.d first, then finds the kernel (crates/lib/src/status.rs, container_inspect).
        var kargs = KargsReader.Read(root, architecture.Name);
        var detection = KernelFinder.Find(root);
        var refusals = new List<BootcRefusal>(kargs.Refusals);
        refusals.AddRange(detection.Refusals);
        var kernel = detection.Kernel is { } detected ? KernelInspector.Describe(root, detected, refusals, cache) : null;
        return new InspectReport(kargs.Kargs, kernel, architecture, BootcVerdict.From(refusals), detection.Candidates);
    }
}
