using System.Globalization;
using BootPrep.Detection;
using BootPrep.Inspection;

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
            if (kernel.Initramfs is { } initramfs)
            {
                output.WriteLine($"Initramfs: {initramfs.Path}{(initramfs.Exists ? Size(initramfs.Size) : " (missing)")}");
            }
        }
        else
        {
            output.WriteLine($"Kernel: {None}");
        }

        output.WriteLine($"Kargs: {(report.Kargs.Count == 0 ? None : string.Join(' ', report.Kargs))}");
        if (report.Candidates.Count > 0)
        {
            output.WriteLine("Candidates:");
            foreach (var candidate in report.Candidates)
            {
                output.WriteLine(Describe(candidate));
            }
        }
    }

    private static string Describe(KernelCandidate candidate) => candidate switch
    {
        { Selected: true } => $"  * {candidate.Path} (selected)",
        { Skipped: { } why } => $"    {candidate.Path} (skipped: {why})",
        _ => $"    {candidate.Path}",
    };

    private static string Size(long? bytes) =>
        bytes is { } value ? string.Create(CultureInfo.InvariantCulture, $" ({value} bytes)") : "";
}
