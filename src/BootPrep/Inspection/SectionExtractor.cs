using BootPrep.Binary;
using BootPrep.Detection;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Pe;
using BootPrep.RootFs;
using BootPrep.Uki;

namespace BootPrep.Inspection;

/// <summary>Copies one PE section of a kernel or UKI out as raw bytes, as <c>objcopy -O binary --only-section</c> does.</summary>
public static class SectionExtractor
{
    /// <summary>
    /// Writes section <paramref name="name"/> of the kernel bootc would boot from the root of the image named
    /// <paramref name="source"/> to <paramref name="destination"/>; errors name the image.
    /// </summary>
    public static void CopyFromKernel(IImageRoot root, string source, string name, Stream destination)
    {
        DetectedKernel? kernel;
        try
        {
            kernel = KernelFinder.Find(root).ChosenKernel();
            if (kernel is not null)
            {
                Copy(root, kernel.Path, name, destination);
            }
        }
        catch (BootPrepException ex)
        {
            throw ex.Within(source);
        }

        _ = kernel ?? throw new BootPrepException(BootPrepErrorKind.NotFound, source, $"the image has no kernel to take section {name} from");
        destination.Flush();
    }

    /// <summary>
    /// Writes the data of section <paramref name="name"/> of the PE file at <paramref name="path"/> to
    /// <paramref name="destination"/>: the one the stub would use (base, or profile 0 over it).
    /// </summary>
    public static void Copy(IImageRoot root, ImagePath path, string name, Stream destination)
    {
        using var stream = KernelFiles.OpenSeekable(root, path);
        var file = FileRange.Of(stream);
        PeImage image;
        try
        {
            image = PeImage.Read(file);
        }
        catch (KernelFormatException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidKernel, path.ToString(), ex.OneLine);
        }

        if (new UkiImage(file, image).Section(name) is not { } section)
        {
            var names = string.Join(", ", image.Sections.Select(section => section.Name).Distinct());
            throw new BootPrepException(
                BootPrepErrorKind.NotFound,
                path.ToString(),
                image.Sections.Any(section => section.Name == name)
                    ? $"the data of section {name} runs past the end of the file"
                    : $"no section {name}; it has {(names.Length == 0 ? "none" : names)}");
        }

        section.CopyTo(destination);
    }
}
