using System.Globalization;
using BootPrep.Bootc;
using BootPrep.Detection;
using BootPrep.Inspection;
using BootPrep.KernelImages;
using BootPrep.Pe;
using BootPrep.Uki;

namespace BootPrep.Cli.Output;

/// <summary>Writes an <see cref="InspectReport"/> as lines for people, in the manner of bootc's human-readable output.</summary>
internal static class HumanReport
{
    private const string None = "<none>";

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(InspectReport report, TextWriter output)
    {
        if (report.Kernel is { } kernel)
        {
            output.WriteLine($"Kernel: {kernel.Version}");
            output.WriteLine($"Type: {(kernel.Unified ? "UKI" : "vmlinuz")}");
            output.WriteLine($"Path: {kernel.Path}{Size(kernel.Size)}");
            if (kernel.Uki is { } uki)
            {
                WriteUki(uki, output);
            }

            if (kernel.Image is { } image)
            {
                output.WriteLine($"Image: {Describe(image)}");
                if (image.Signature is { } signature)
                {
                    output.WriteLine($"Image signed: {Describe(signature)}");
                }
            }

            if (kernel.Initramfs is { } initramfs)
            {
                output.WriteLine($"Initramfs: {initramfs.Path}{(initramfs.Exists ? Size(initramfs.Size, initramfs.Compression) : " (missing)")}");
            }

            foreach (var warning in kernel.Warnings)
            {
                output.WriteLine($"Warning: {warning}");
            }

            foreach (var error in kernel.Errors)
            {
                output.WriteLine($"Error: {error}");
            }
        }
        else
        {
            output.WriteLine($"Kernel: {None}");
        }

        output.WriteLine($"Kargs: {(report.Kargs.Count == 0 ? None : string.Join(' ', report.Kargs))}");
        output.WriteLine($"Architecture: {report.Architecture.Name} (from the {Describe(report.Architecture.From)})");
        output.WriteLine($"bootc: {(report.Bootc.Verdict == BootcDecision.Accept ? "would accept this image" : "would refuse this image")}");
        foreach (var reason in report.Bootc.Reasons)
        {
            output.WriteLine($"  {reason.OneLine}");
        }

        if (report.Candidates.Count > 0)
        {
            output.WriteLine("Candidates:");
            foreach (var candidate in report.Candidates)
            {
                output.WriteLine(Describe(candidate));
            }
        }
    }

    private static string Describe(ArchitectureSource source) => source switch
    {
        ArchitectureSource.Option => "--arch option",
        ArchitectureSource.Image => "image config",
        _ => "host",
    };

    private static void WriteUki(UkiDescription uki, TextWriter output)
    {
        if (uki.OsRelease is { } osRelease)
        {
            output.WriteLine($"OS: {osRelease.GetValueOrDefault("PRETTY_NAME") ?? osRelease.GetValueOrDefault("NAME") ?? osRelease.GetValueOrDefault("ID") ?? None}");
        }

        output.WriteLine($"Uname: {uki.Uname ?? None}");
        output.WriteLine($"Sections: {string.Join(' ', uki.Sections.Select(section => section.Name))}");
        output.WriteLine($"Cmdline: {uki.EffectiveCmdline ?? None}");
        foreach (var addon in uki.Addons)
        {
            output.WriteLine($"Addon: {addon.Path}{(addon.Cmdline is { } cmdline ? $" ({cmdline})" : "")}");
        }

        foreach (var profile in uki.Profiles ?? [])
        {
            output.WriteLine($"Profile {profile.Index}: {profile.Title ?? profile.Id ?? None}{(profile.Index == 0 ? " (default)" : "")}");
        }

        if (uki.Signature is { } signature)
        {
            output.WriteLine($"Signed: {Describe(signature)}");
        }
    }

    private static string Describe(KernelImage image)
    {
        IEnumerable<string> details = image switch
        {
            KernelImage.BzImage { Header: var bzImage } =>
            [
                bzImage.Release ?? None,
                $"boot protocol {bzImage.BootProtocol}",
                .. bzImage.PayloadCompression is { } compression ? [$"{compression} payload"] : Array.Empty<string>(),
                .. bzImage.EfiStub ? ["EFI stub"] : Array.Empty<string>(),
            ],
            KernelImage.Zboot { Header: var zboot } => [$"{zboot.Compression} payload"],
            KernelImage.Arm64Image { Header.EfiStub: true } => ["EFI stub"],
            _ => [],
        };
        return $"{string.Join(", ", details.Prepend(image.Format))}{Size(image.Size)}";
    }

    private static string Describe(PeSignature signature) =>
        signature.Signed
            ? $"{(signature.Signers.Count == 0 ? "a certificate table without signers" : string.Join("; ", signature.Signers.Select(signer => $"{signer.Subject} (issuer {signer.Issuer})")))}; not verified against a trust store"
            : "no";

    private static string Describe(KernelCandidate candidate) => candidate switch
    {
        { Selected: true } => $"  * {candidate.Path} (selected)",
        { Skipped: { } why } => $"    {candidate.Path} (skipped: {why.Text()})",
        _ => $"    {candidate.Path}",
    };

    private static string Size(long? bytes, string? compression = null) => (bytes, compression) switch
    {
        ({ } value, { } kind) => string.Create(CultureInfo.InvariantCulture, $" ({value} bytes, {kind})"),
        ({ } value, null) => string.Create(CultureInfo.InvariantCulture, $" ({value} bytes)"),
        _ => "",
    };
}
