using System.Globalization;
using BootPrep.Json;
using BootPrep.Kexec;
using BootPrep.Deployments;

namespace BootPrep.Cli.Output;

/// <summary>Writes what stage did and what status found as lines for people.</summary>
internal static class StageOutput
{
    /// <summary>Writes <paramref name="report"/>; <paramref name="exec"/> says whether a reboot into it follows.</summary>
    public static void Write(StageReport report, bool exec, TextWriter output)
    {
        output.WriteLine(report switch
        {
            { DryRun: true } => "Plan (dry run; the kernel was not called):",
            _ when exec => "Loaded; rebooting into it now.",
            _ => "Loaded. 'systemctl kexec' (or 'bootprep stage --exec') boots it; 'bootprep unload' drops it.",
        });
        if (report.Boot is { } boot)
        {
            var where = boot switch
            {
                { Ostree: { } ostree } => $" ({boot.Stateroot}), ostree={ostree}",
                { Composefs: { } composefs } => $", composefs={composefs}",
                _ => "",
            };
            output.WriteLine($"Next boot: {(boot.From == NextBootSource.StagedDeployment ? "staged deployment" : $"boot entry {boot.Entry}")} {boot.Deployment}{where}");
            output.WriteLine($"Why: {boot.Reason}");
        }

        output.WriteLine($"Method: {JsonName(report.Method, BootPrepJsonContext.Output.StageMethod)}");
        output.WriteLine($"Kernel: {Describe(report.Kernel)}");
        if (report.Initrd.Count == 0)
        {
            output.WriteLine("Initrd: <none>");
        }

        foreach (var piece in report.Initrd)
        {
            output.WriteLine($"Initrd: {Describe(piece)}");
        }

        output.WriteLine($"Cmdline: {report.Cmdline} (from {JsonName(report.CmdlineSource, BootPrepJsonContext.Output.CmdlineSource)})");
        output.WriteLine($"Flags: {(report.Flags.Count == 0 ? "<none>" : string.Join(' ', report.Flags))}");
        output.WriteLine($"Syscall: {report.Syscall} ({(report.SyscallNumber is { } number ? number.ToString(CultureInfo.InvariantCulture) : "none")} on {report.Architecture})");
        foreach (var note in report.Notes)
        {
            output.WriteLine($"Note: {note}");
        }
    }

    /// <summary>Writes <paramref name="facts"/>.</summary>
    public static void Write(KexecFacts facts, TextWriter output)
    {
        output.WriteLine($"Kexec loaded: {YesNo(facts.KexecLoaded)}");
        if (facts.Staged is { } staged)
        {
            output.WriteLine($"Staged by bootprep: {staged.Source}{(staged.Deployment is { } deployment ? $", deployment {deployment}" : "")} (kernel sha256 {staged.KernelSha256})");
            output.WriteLine($"Staged cmdline: {staged.Cmdline}");
            if (facts.StagedIsNextBoot is { } next)
            {
                output.WriteLine($"Staged is the next boot: {YesNo(next)}");
            }
        }

        output.WriteLine($"Crash kernel loaded: {YesNo(facts.CrashLoaded)}");
        output.WriteLine($"Lockdown: {facts.Lockdown ?? "unknown"}");
        output.WriteLine($"Secure Boot: {facts.SecureBoot ?? "unknown"}");
        output.WriteLine($"CAP_SYS_BOOT: {YesNo(facts.CapSysBoot)}");
        output.WriteLine($"kexec_load_disabled: {YesNo(facts.KexecLoadDisabled)}");
        output.WriteLine($"Architecture: {facts.Architecture} (kexec_file_load: {(facts.SyscallNumber is { } number ? $"syscall {number.ToString(CultureInfo.InvariantCulture)}" : "none")})");
    }

    /// <summary>A value's name as the JSON spells it, so that both outputs use one word.</summary>
    private static string JsonName<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        System.Text.Json.JsonSerializer.Serialize(value, type).Trim('"');

    private static string Describe(StagePiece piece) =>
        string.Create(CultureInfo.InvariantCulture, $"{piece.Source} ({piece.Size} bytes, sha256 {piece.Sha256})");

    private static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => "unknown",
    };
}
