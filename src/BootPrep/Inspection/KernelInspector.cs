using BootPrep.Bootc;
using BootPrep.Binary;
using BootPrep.Detection;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.KernelImages;
using BootPrep.Pe;
using BootPrep.RootFs;
using BootPrep.Uki;

namespace BootPrep.Inspection;

/// <summary>Reads the detected kernel's bytes: the UKI's sections and addons, the kernel image's headers, the initramfs.</summary>
public static class KernelInspector
{
    /// <summary>
    /// Describes <paramref name="kernel"/>; what cannot be read is listed in the report's errors, unless the image itself
    /// is corrupt. A UKI whose <c>.cmdline</c> bootc could not read adds to <paramref name="bootcRefusals"/>.
    /// </summary>
    public static KernelReport Describe(IImageRoot root, DetectedKernel kernel, ICollection<BootcRefusal> bootcRefusals)
    {
        var errors = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        string? sha256 = null;
        KernelImage? image = null;
        UkiDescription? uki = null;
        try
        {
            using var stream = KernelFiles.OpenSeekable(root, kernel.Path);
            var file = FileRange.Of(stream);
            switch (kernel)
            {
                case DetectedKernel.Uki:
                    if (BootcUkiCmdline.Check(file, kernel.Path) is { } refusal)
                    {
                        bootcRefusals.Add(refusal);
                    }

                    (uki, image, sha256) = DescribeUki(root, kernel.Path, file, errors, warnings);
                    break;
                case DetectedKernel.Vmlinuz:
                    image = KernelImageReader.Describe(file, errors);
                    sha256 = image.Sha256;
                    WarnOfRelease(image, kernel.Version, $"its directory is {KernelFinder.ModulesDirectory / kernel.Version}", warnings);
                    break;
            }
        }
        catch (BootPrepException ex) when (IsAboutTheKernel(ex))
        {
            errors.Add(Diagnostic.Of(ex));
        }

        var initramfs = kernel is DetectedKernel.Vmlinuz { Initramfs: var detected } ? DescribeInitramfs(root, detected, errors) : null;
        return new KernelReport(kernel.Version, kernel is DetectedKernel.Uki, kernel.Path, kernel.Size, sha256, image, uki, initramfs, warnings, errors);
    }

    /// <summary>The UKI's description, its .linux image's, and the file's sha256 (hashed with its sections, in one pass).</summary>
    private static (UkiDescription? Uki, KernelImage? Image, string Sha256) DescribeUki(IImageRoot root, ImagePath path, FileRange file, List<Diagnostic> errors, List<Diagnostic> warnings)
    {
        if (FormatErrors.Try(() => PeImage.Read(file), errors) is not { } pe)
        {
            return (null, null, file.Sha256());
        }

        var (uki, linux, sha256) = UkiReader.Read(new UkiImage(file, pe), errors, warnings);
        var addons = ReadAddons(root, path, errors);
        uki = uki with { Addons = addons, EffectiveCmdline = UkiReader.EffectiveCmdline(uki.Cmdline, addons) };
        if (linux is not { } linuxData)
        {
            return (uki, null, sha256);
        }

        var linuxErrors = new List<Diagnostic>();
        // The section list has hashed these bytes already.
        var hashed = uki.Sections.FirstOrDefault(section => section.Name == ".linux" && section.FileOffset == linuxData.Offset)?.Sha256;
        var image = KernelImageReader.Describe(linuxData, linuxErrors, hashed);
        errors.AddRange(linuxErrors.Select(error => error.Within("section .linux")));
        if (uki.Uname is { } uname)
        {
            WarnOfRelease(image, uname, "the UKI's .uname says " + uname, warnings);
        }

        return (uki, image, sha256);
    }

    private static List<UkiAddon> ReadAddons(IImageRoot root, ImagePath ukiPath, List<Diagnostic> errors)
    {
        var addons = new List<UkiAddon>();
        try
        {
            foreach (var path in AddonFiles.Find(root, ukiPath))
            {
                using var stream = KernelFiles.OpenSeekable(root, path);
                addons.Add(UkiReader.ReadAddon(path, FileRange.Of(stream)));
            }
        }
        catch (BootPrepException ex) when (IsAboutTheKernel(ex))
        {
            errors.Add(Diagnostic.Of(ex));
        }

        return addons;
    }

    private static InitramfsReport DescribeInitramfs(IImageRoot root, DetectedInitramfs initramfs, List<Diagnostic> errors)
    {
        if (initramfs.Size is null)
        {
            if (initramfs.Exists)
            {
                errors.Add(new Diagnostic(DiagnosticCode.Unreadable, $"{initramfs.Path}: not a regular file (a directory, device, FIFO or socket); no initramfs can be read from it"));
            }

            return new InitramfsReport(initramfs.Path, initramfs.Exists, null, null, null);
        }

        // One pass over the stream: an initramfs needs no random access, so it is never spooled. When a verified table
        // states its digest (a zstd:chunked layer in a registry), only its first bytes are fetched.
        try
        {
            using var stream = root.OpenRead(initramfs.Path);
            var magic = new byte[Compression.MagicLength];
            var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            var compression = Compression.Detect(magic.AsSpan(0, read)) ?? Compression.Unknown;
            if (stream is IStatedSha256 { Sha256: { } stated })
            {
                return new InitramfsReport(initramfs.Path, true, initramfs.Size, compression, stated);
            }

            using var hashing = new HashingStream(Stream.Null);
            hashing.Write(magic, 0, read);
            stream.CopyTo(hashing);
            return new InitramfsReport(initramfs.Path, true, initramfs.Size, compression, hashing.Sha256());
        }
        catch (BootPrepException ex) when (IsAboutTheKernel(ex))
        {
            errors.Add(Diagnostic.Of(ex));
            return new InitramfsReport(initramfs.Path, true, initramfs.Size, null, null);
        }
    }

    /// <summary>
    /// True for a problem with the kernel's own files, which the report lists; an image whose layer is corrupt or
    /// changed since it was read fails the whole inspect, as it does everywhere else.
    /// </summary>
    private static bool IsAboutTheKernel(BootPrepException error) =>
        error.Kind is not (BootPrepErrorKind.InvalidImage or BootPrepErrorKind.DigestMismatch);

    private static void WarnOfRelease(KernelImage image, string expected, string because, List<Diagnostic> warnings)
    {
        // Only a bzImage names its release in its own header.
        if (image is KernelImage.BzImage { Header.Release: { } release } && release != expected)
        {
            warnings.Add(new Diagnostic(DiagnosticCode.ReleaseMismatch, $"the kernel image's header names release {release}, but {because}"));
        }
    }
}
