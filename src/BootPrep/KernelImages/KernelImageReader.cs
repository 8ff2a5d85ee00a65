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
        var pe = PeImage.HasDosMagic(file) ? FormatErrors.Try(() => PeImage.Read(file), errors) : null;
        var signature = pe is null ? null : FormatErrors.Try(() => PeSignature.Read(pe, file), errors);
        var efiStub = pe is not null;
        string format;
        BzImageHeader? bzImage = null;
        Arm64ImageHeader? arm64 = null;
        ZbootHeader? zboot = null;
        if (ZbootHeader.Matches(file))
        {
            format = "arm64-zboot";
            zboot = FormatErrors.Try(() => ZbootHeader.Read(file), errors);
        }
        else if (BzImageHeader.Matches(file))
        {
            format = "bzimage";
            bzImage = FormatErrors.Try(() => BzImageHeader.Read(file, efiStub), errors);
        }
        else if (Arm64ImageHeader.Matches(file))
        {
            format = "arm64-image";
            arm64 = Arm64ImageHeader.Read(file, efiStub);
        }
        else
        {
            Span<byte> magic = stackalloc byte[Compression.MagicLength];
            file.ReadAt(0, magic);
            format = Compression.Detect(magic) is { } compression and not Compression.None ? compression : Compression.Unknown;
        }

        return new KernelImage(format, file.Length, sha256 ?? file.Sha256(), bzImage, arm64, zboot, signature);
    }
}
