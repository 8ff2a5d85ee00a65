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
    /// is corrupt. A UKI whose <c>.cmdline</c> bootc could not read adds to <paramref name="bootcRefusals"/>. With a
    /// <paramref name="cache"/>, a kernel file whose digest a verified source states is described from the cache when
    /// it was described before, and kept there when not.
    /// </summary>
    public static KernelReport Describe(IImageRoot root, DetectedKernel kernel, ICollection<BootcRefusal> bootcRefusals, KernelDescriptionCache? cache = null)
    {
        var errors = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        KernelDescription? description = null;
        UkiDescription? uki = null;
        try
        {
            using var stream = KernelFiles.OpenSeekable(root, kernel.Path, out var stated);
            var file = FileRange.Of(stream);
            if (kernel is DetectedKernel.Uki && BootcUkiCmdline.Check(file, kernel.Path) is { } refusal)
            {
                bootcRefusals.Add(refusal);
            }

            description = Describe(kernel, file, stated, cache, errors, warnings);
            if (description.Uki is { } read)
            {
                var addons = ReadAddons(root, kernel.Path, errors);
                uki = read with { Addons = addons, EffectiveCmdline = UkiReader.EffectiveCmdline(read.Cmdline, addons) };
            }

            errors.AddRange(description.LinuxErrors);
            if (description.Image is { } image)
            {
                WarnOfRelease(image, kernel, uki, warnings);
            }
        }
        catch (BootPrepException ex) when (IsAboutTheKernel(ex))
        {
            errors.Add(Diagnostic.Of(ex));
        }

        var initramfs = kernel is DetectedKernel.Vmlinuz { Initramfs: var detected } ? DescribeInitramfs(root, detected, errors) : null;
        return new KernelReport(kernel.Version, kernel is DetectedKernel.Uki, kernel.Path, kernel.Size, description?.Sha256, description?.Image, uki, initramfs, warnings, errors);
    }

    /// <summary>
    /// What <paramref name="file"/>'s bytes say, from <paramref name="cache"/> when it holds the description of a file
    /// with the <paramref name="stated"/> digest; its errors and warnings are added to <paramref name="errors"/> and
    /// <paramref name="warnings"/> as they are found.
    /// </summary>
    private static KernelDescription Describe(DetectedKernel kernel, FileRange file, string? stated, KernelDescriptionCache? cache, List<Diagnostic> errors, List<Diagnostic> warnings)
    {
        var unified = kernel is DetectedKernel.Uki;
        if (stated is not null && cache?.Load(stated, unified) is { } kept)
        {
            errors.AddRange(kept.Errors);
            warnings.AddRange(kept.Warnings);
            return kept;
        }

        var description = unified ? DescribeUki(file, stated, errors, warnings) : DescribeVmlinuz(file, stated, errors);
        if (stated is not null)
        {
            cache?.Save(description, unified);
        }

        return description;
    }

    private static KernelDescription DescribeVmlinuz(FileRange file, string? stated, List<Diagnostic> errors)
    {
        var image = KernelImageReader.Describe(file, errors, stated);
        return new KernelDescription(image.Sha256, image, null, [.. errors], [], []);
    }

    /// <summary>The UKI's description without addons, its .linux image's, and the file's sha256 (hashed with its sections, in one pass).</summary>
    private static KernelDescription DescribeUki(FileRange file, string? stated, List<Diagnostic> errors, List<Diagnostic> warnings)
    {
        if (FormatErrors.Try(() => PeImage.Read(file), errors) is not { } pe)
        {
            return new KernelDescription(stated ?? file.Sha256(), null, null, [.. errors], [], [.. warnings]);
        }

        var (uki, linux, sha256) = UkiReader.Read(new UkiImage(file, pe), errors, warnings, stated);
        if (linux is not { } linuxData)
        {
            return new KernelDescription(sha256, null, uki, [.. errors], [], [.. warnings]);
        }

        var linuxErrors = new List<Diagnostic>();
        // The section list has hashed these bytes already.
        var hashed = uki.Sections.FirstOrDefault(section => section.Name == ".linux" && section.FileOffset == linuxData.Offset)?.Sha256;
        var image = KernelImageReader.Describe(linuxData, linuxErrors, hashed);
        return new KernelDescription(sha256, image, uki, [.. errors], [.. linuxErrors.Select(error => error.Within("section .linux"))], [.. warnings]);
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

    // The release a vmlinuz's directory names, or a UKI's .uname, against the one a bzImage names in its own header.
    private static void WarnOfRelease(KernelImage image, DetectedKernel kernel, UkiDescription? uki, List<Diagnostic> warnings)
    {
        var (expected, because) = kernel is DetectedKernel.Vmlinuz
            ? (kernel.Version, $"its directory is {KernelFinder.ModulesDirectory}/{kernel.Version}")
            : (uki?.Uname, "the UKI's .uname says " + uki?.Uname);
        if (expected is not null && image is KernelImage.BzImage { Header.Release: { } release } && release != expected)
        {
            warnings.Add(new Diagnostic(DiagnosticCode.ReleaseMismatch, $"the kernel image's header names release {release}, but {because}"));
        }
    }
}
