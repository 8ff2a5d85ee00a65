using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Ostree;

/// <summary>
/// The deployment ostree has staged for the next boot, from <c>/run/ostree/staged-deployment</c>: a GVariant
/// <c>a{sv}</c> that <c>ostree admin deploy --stage</c> (and bootc) write and that ostree-finalize-staged.service turns
/// into a boot entry at shutdown (ostree-sysroot-deploy.c, <c>_ostree_sysroot_stage_deployment</c>; read back by
/// ostree-sysroot.c, <c>_ostree_sysroot_reload_staged</c>).
/// </summary>
/// <param name="Target">The deployment that will boot.</param>
/// <param name="Merge">The deployment whose /etc and, without <paramref name="Kargs"/>, boot options it takes over.</param>
/// <param name="Kargs">The kernel arguments given when it was staged, or null: then finalization takes the merge deployment's.</param>
/// <param name="OverlayInitrds">The checksums of the overlay initrds, files in /run/ostree/staged-initrds/.</param>
/// <param name="Locked">Whether finalization waits until the lock is removed.</param>
public sealed record StagedDeployment(Deployment Target, Deployment? Merge, IReadOnlyList<string>? Kargs, IReadOnlyList<string> OverlayInitrds, bool Locked)
{
    /// <summary>The file, relative to the host's root.</summary>
    public const string Path = "run/ostree/staged-deployment";

    /// <summary>The file whose presence also keeps finalization from running.</summary>
    public const string LockPath = "run/ostree/staged-deployment-locked";

    /// <summary>The folder of the overlay initrds, relative to the host's root.</summary>
    public const string InitrdsDirectory = "run/ostree/staged-initrds";

    // The file holds a few deployment names, kargs and initrd checksums: kilobytes. More is not ostree's.
    private const int MaxSize = 1 << 20;

    /// <summary>The staged deployment on <paramref name="host"/>, or null when nothing is staged.</summary>
    public static StagedDeployment? Read(HostEnvironment host)
    {
        if (!host.Exists(Path))
        {
            return null;
        }

        var data = host.ReadBytes(Path, MaxSize) ?? throw Invalid(host, "cannot be read");
        if (data.Length > MaxSize)
        {
            throw Invalid(host, $"has more than the {MaxSize} bytes of a staged deployment");
        }

        try
        {
            return Parse(GVariantReader.ReadDictionary(data), host.Exists(LockPath));
        }
        catch (FormatException ex)
        {
            throw Invalid(host, $"is not a staged deployment ({ex.Message})");
        }
    }

    private static StagedDeployment Parse(IReadOnlyDictionary<string, object> values, bool lockFile)
    {
        var target = Value<IReadOnlyDictionary<string, object>>(values, "target", "a{sv}") ?? throw new FormatException("no 'target'");
        return new StagedDeployment(
            DeploymentOf(target, "target"),
            Value<IReadOnlyDictionary<string, object>>(values, "merge-deployment", "a{sv}") is { } merge ? DeploymentOf(merge, "merge-deployment") : null,
            Value<string[]>(values, "kargs", "as"),
            Value<string[]>(values, "overlay-initrds", "as") ?? [],
            lockFile || Value<bool?>(values, "locked", "b") == true);
    }

    private static Deployment DeploymentOf(IReadOnlyDictionary<string, object> values, string what)
    {
        var name = Value<string>(values, "name", "s") ?? throw new FormatException($"'{what}' has no 'name'");
        var (checksum, serial) = Deployment.ParseName(name) ?? throw new FormatException($"'{what}' names '{name}', not CHECKSUM.SERIAL");
        var osName = Value<string>(values, "osname", "s") ?? throw new FormatException($"'{what}' has no 'osname'");
        var bootChecksum = Value<string>(values, "bootcsum", "s") ?? throw new FormatException($"'{what}' has no 'bootcsum'");
        if (osName.Length == 0 || osName.Contains('/') || osName is "." or ".." || !Deployment.IsChecksum(bootChecksum))
        {
            throw new FormatException($"'{what}' has the osname '{osName}' and bootcsum '{bootChecksum}', which ostree does not write");
        }

        return new Deployment(osName, checksum, serial, bootChecksum);
    }

    private static T? Value<T>(IReadOnlyDictionary<string, object> values, string key, string type) =>
        !values.TryGetValue(key, out var value) ? default
        : value is T typed ? typed
        : throw new FormatException($"'{key}' is {GVariantReader.TypeOf(value)}, not {type}");

    private static BootPrepException Invalid(HostEnvironment host, string problem) =>
        new(BootPrepErrorKind.InvalidDeployment, host.PathOf(Path), problem);
}
