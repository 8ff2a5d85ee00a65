using System.Text.Json;
using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Composefs;

/// <summary>
/// The deployment bootc's composefs backend has staged for the next boot, from <c>/run/composefs/staged-deployment</c>:
/// JSON <c>{"depl_id": VERITY, "finalization_locked": BOOL}</c> (bootc v1.16.9, crates/lib/src/bootc_composefs/status.rs,
/// <c>StagedDeployment</c>). Its boot entry is already written, in <c>loader/entries.staged/</c>, which
/// bootc-finalize-staged.service swaps with <c>loader/entries</c> at shutdown.
/// </summary>
/// <param name="DeploymentId">The deployment: the fs-verity digest of its EROFS image, which <c>composefs=</c> names.</param>
/// <param name="Locked">Whether finalization is locked (a download-only upgrade): the entries are not swapped.</param>
public sealed record ComposefsStaged(string DeploymentId, bool Locked)
{
    /// <summary>The file, relative to the host's root.</summary>
    public const string Path = "run/composefs/staged-deployment";

    private const int MaxSize = 64 * 1024;

    /// <summary>The staged deployment on <paramref name="host"/>, or null when nothing is staged.</summary>
    public static ComposefsStaged? Read(HostEnvironment host)
    {
        if (!host.Exists(Path))
        {
            return null;
        }

        var data = host.ReadBytes(Path, MaxSize);
        if (data is not { Length: <= MaxSize })
        {
            throw Invalid(host, data is null ? "cannot be read" : $"has more than the {MaxSize} bytes of a staged deployment");
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("depl_id", out var deployment) && deployment.ValueKind == JsonValueKind.String
                ? deployment.GetString()!
                : throw Invalid(host, "has no \"depl_id\" string");
            var locked = root.TryGetProperty("finalization_locked", out var flag) && flag.ValueKind == JsonValueKind.True;
            return id.Length > 0 && !id.AsSpan().ContainsAnyExcept("0123456789abcdef")
                ? new ComposefsStaged(id, locked)
                : throw Invalid(host, $"names \"{id}\", not a hex digest");
        }
        catch (JsonException ex)
        {
            throw Invalid(host, $"is not JSON: {JsonErrors.Describe(ex)}");
        }
    }

    private static BootPrepException Invalid(HostEnvironment host, string problem) =>
        new(BootPrepErrorKind.InvalidDeployment, host.PathOf(Path), problem);
}
