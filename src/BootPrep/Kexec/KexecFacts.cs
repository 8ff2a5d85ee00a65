using System.Globalization;
using System.Text.Json.Serialization;
using BootPrep.Architectures;
using BootPrep.Hosts;
using BootPrep.Deployments;

namespace BootPrep.Kexec;

/// <summary>
/// What decides whether a kexec load can work here, read from /proc and /sys: what is loaded, lockdown, Secure Boot,
/// the capability, the sysctl, and the architecture's syscall. Each is null (written as null) when it cannot be read.
/// </summary>
/// <param name="Architecture">The architecture as Rust names it: x86_64, aarch64, …</param>
/// <param name="SyscallNumber">kexec_file_load's number here (x86_64 320, aarch64 294); null where BootPrep has none.</param>
/// <param name="KexecLoaded">/sys/kernel/kexec_loaded: a kernel is loaded for the next reboot.</param>
/// <param name="CrashLoaded">/sys/kernel/kexec_crash_loaded: a crash kernel is loaded.</param>
/// <param name="Lockdown">The active mode of /sys/kernel/security/lockdown: none, integrity or confidentiality.</param>
/// <param name="SecureBoot">enabled, disabled, or not-efi when the system did not boot with EFI.</param>
/// <param name="CapSysBoot">Whether this process has CAP_SYS_BOOT in its effective set.</param>
/// <param name="KexecLoadDisabled">/proc/sys/kernel/kexec_load_disabled: loading is off until the next reboot.</param>
public sealed record KexecFacts(
    string Architecture,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? SyscallNumber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? KexecLoaded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? CrashLoaded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Lockdown,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? SecureBoot,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? CapSysBoot,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? KexecLoadDisabled)
{
    private const int CapSysBootBit = 22;

    /// <summary>The architecture, under all its names (<see cref="Architecture"/> is its Rust name).</summary>
    [JsonIgnore]
    public CpuArchitecture Cpu => CpuArchitecture.Parse(Architecture);

    /// <summary>What bootprep loaded last (/run/bootprep/staged), when <see cref="Status"/> read it.</summary>
    public StageRecord? Staged { get; init; }

    /// <summary>
    /// For a load of an ostree host's next boot: whether its deployment is still the one the next boot boots (the
    /// staged one, else the default entry's); null otherwise.
    /// </summary>
    public bool? StagedIsNextBoot { get; init; }

    /// <summary>The facts of <paramref name="host"/> with what bootprep staged there, for <c>bootprep status</c>.</summary>
    public static KexecFacts Status(HostEnvironment host)
    {
        var record = StageRecord.Read(host);
        return Read(host) with
        {
            Staged = record,
            StagedIsNextBoot = record?.Deployment is { } deployment ? NextBoot.NextDeployment(host, host.ReadText("proc/cmdline") ?? "") == deployment : null,
        };
    }
    private const string SecureBootVariable = "sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c";

    /// <summary>Reads the facts of <paramref name="host"/>.</summary>
    public static KexecFacts Read(HostEnvironment host) => new(
        host.Architecture.Rust,
        SyscallNumberOf(host.Architecture),
        Flag(host.ReadText("sys/kernel/kexec_loaded")),
        Flag(host.ReadText("sys/kernel/kexec_crash_loaded")),
        ActiveLockdown(host.ReadText("sys/kernel/security/lockdown")),
        SecureBootState(host),
        HasCapSysBoot(host.ReadText("proc/self/status")),
        Flag(host.ReadText("proc/sys/kernel/kexec_load_disabled")));

    /// <summary>kexec_file_load's number (arch/x86/entry/syscalls/syscall_64.tbl, include/uapi/asm-generic/unistd.h).</summary>
    private static int? SyscallNumberOf(CpuArchitecture architecture) =>
        architecture == CpuArchitecture.X86_64 ? 320
        : architecture == CpuArchitecture.Arm64 ? 294
        : null;

    private static bool? Flag(string? text) => text switch
    {
        "0" => false,
        "1" => true,
        _ => null,
    };

    /// <summary>The bracketed word of "none [integrity] confidentiality".</summary>
    private static string? ActiveLockdown(string? text)
    {
        var open = text?.IndexOf('[') ?? -1;
        var close = open < 0 ? -1 : text!.IndexOf(']', open);
        return close > open ? text![(open + 1)..close] : null;
    }

    /// <summary>The efivar holds 4 bytes of attributes, then 1 byte: 1 when Secure Boot is on.</summary>
    private static string? SecureBootState(HostEnvironment host)
    {
        if (!host.HasDirectory("sys/firmware/efi"))
        {
            return "not-efi";
        }

        return host.ReadBytes(SecureBootVariable) is { Length: >= 5 } bytes ? (bytes[4] == 1 ? "enabled" : "disabled") : null;
    }

    /// <summary>CapEff in /proc/self/status is the effective capability set in hex.</summary>
    private static bool? HasCapSysBoot(string? status)
    {
        var line = status?.Split('\n').FirstOrDefault(line => line.StartsWith("CapEff:", StringComparison.Ordinal));
        return line is not null && ulong.TryParse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var effective)
            ? (effective & (1UL << CapSysBootBit)) != 0
            : null;
    }
}
