using BootPrep.Files;

namespace BootPrep.Detection;

/// <summary>
/// The kernel an image boots, as bootc's <c>find_kernel</c> chooses it: a <see cref="Uki"/> or a
/// <see cref="Vmlinuz"/> (bootc's <c>KernelType::Uki</c> and <c>KernelType::Vmlinuz</c>), and nothing else.
/// </summary>
public abstract partial record DetectedKernel
{
    private DetectedKernel(string version, ImagePath path, long? size)
    {
        Version = version;
        Path = path;
        Size = size;
    }

    /// <summary>The UKI name without .efi, or the usr/lib/modules directory name.</summary>
    public string Version { get; }

    /// <summary>The UKI or vmlinuz, relative to the image root.</summary>
    public ImagePath Path { get; }

    /// <summary>Its size in bytes, or null when it is not a regular file.</summary>
    public long? Size { get; }
}
