using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Pe;

namespace BootPrep.KernelImages;

/// <summary>Recognises a kernel image by its headers and describes it.</summary>
public static class KernelImageReader
{
    /// <summary>
    /// Describes the kernel in <paramref name="file"/>. Headers it cannot read are added to <paramref name="errors"/>
    /// and left out of the description; an unrecognised image is reported with the format "unknown".
    /// </summary>
    public static KernelImage Describe(FileRange file, ICollection<Diagnostic> errors) => Describe(file, errors, sha256: null);

    /// <summary>As <see cref="Describe(FileRange, ICollection{Diagnostic})"/>, for bytes whose sha256 the caller has computed already.</summary>
    public static KernelImage Describe(FileRange file, ICollection<Diagnostic> errors, string? sha256)
    {
        // The headers are read once; every format looks at the same bytes, zero past the end of the file.
        Span<byte> header = stackalloc byte[KernelImageFormats.HeaderSize];
        file.ReadAt(0, header);
        var pe = PeImage.HasDosMagic(header) ? FormatErrors.Try(() => PeImage.Read(file), errors) : null;
        var signature = pe is null ? null : FormatErrors.Try(() => PeSignature.Read(pe, file), errors);
        var image = new KernelImageFile(file, sha256 ?? file.Sha256(), signature, EfiStub: pe is not null);
        foreach (var detector in KernelImageFormats.Detectors)
        {
            if (!detector.Matches(header[..detector.HeaderSize]))
            {
                continue;
            }

            try
            {
                return detector.Read(header[..detector.HeaderSize], image);
            }
            catch (KernelFormatException ex)
            {
                errors.Add(Diagnostic.Of(ex));
                return new KernelImage.Unreadable(detector.Format, file.Length, image.Sha256, signature);
            }
        }

        return Compression.Detect(header[..Compression.MagicLength]) is { } compression and not Compression.None
            ? new KernelImage.Compressed(compression, file.Length, image.Sha256, signature)
            : new KernelImage.Unknown(file.Length, image.Sha256, signature);
    }
}
