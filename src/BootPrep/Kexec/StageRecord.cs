using System.Text;
using BootPrep.Hosts;

namespace BootPrep.Kexec;

/// <summary>
/// What bootprep loaded last, kept in <c>/run/bootprep/staged</c> (gone at reboot, removed by unload) as
/// <c>KEY=value</c> lines that a shell or a unit's <c>EnvironmentFile=</c> can read: the source, the deployment and
/// its <c>ostree=</c> when it came from an ostree host, the digests of what was loaded and the command line.
/// </summary>
/// <param name="Source">The image, or staged-deployment / boot-entry for an ostree host's next boot.</param>
/// <param name="Deployment">The deployment (CHECKSUM.SERIAL), for an ostree host's next boot.</param>
/// <param name="Ostree">Its <c>ostree=</c> value.</param>
/// <param name="KernelSha256">The sha256 of the kernel loaded.</param>
/// <param name="Cmdline">The command line loaded.</param>
public sealed record StageRecord(string Source, string? Deployment, string? Ostree, string KernelSha256, string Cmdline)
{
    /// <summary>The file, relative to the host's root.</summary>
    public const string Path = "run/bootprep/staged";

    /// <summary>Records <paramref name="report"/>, loaded from <paramref name="source"/>, on <paramref name="host"/>.</summary>
    public static void Write(HostEnvironment host, string source, StageReport report)
    {
        var record = new StageRecord(source, report.Boot?.Deployment, report.Boot?.Ostree, report.Kernel.Sha256, report.Cmdline);
        var text = new StringBuilder();
        Line(text, "SOURCE", record.Source);
        Line(text, "DEPLOYMENT", record.Deployment);
        Line(text, "OSTREE", record.Ostree);
        Line(text, "KERNEL_SHA256", record.KernelSha256);
        Line(text, "CMDLINE", record.Cmdline);
        host.WriteText(Path, text.ToString());
    }

    /// <summary>The record on <paramref name="host"/>, or null when there is none or it is not one.</summary>
    public static StageRecord? Read(HostEnvironment host)
    {
        if (host.ReadText(Path) is not { } text)
        {
            return null;
        }

        var values = text.Split('\n')
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
        return values.TryGetValue("SOURCE", out var source) && values.TryGetValue("KERNEL_SHA256", out var kernel) && values.TryGetValue("CMDLINE", out var cmdline)
            ? new StageRecord(source, values.GetValueOrDefault("DEPLOYMENT"), values.GetValueOrDefault("OSTREE"), kernel, cmdline)
            : null;
    }

    /// <summary>Removes the record from <paramref name="host"/>.</summary>
    public static void Clear(HostEnvironment host) => host.Delete(Path);

    // A value never holds a line break: the file is read line by line.
    private static void Line(StringBuilder text, string key, string? value)
    {
        if (value is not null)
        {
            text.Append(key).Append('=').Append(value.ReplaceLineEndings(" ")).Append('\n');
        }
    }
}
