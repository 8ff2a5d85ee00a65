namespace BootPrep.Tests.Support;

/// <summary>
/// The real ostree sysroots fixtures/ostree/build.sh makes with Debian's ostree (cached in /var/tmp/bootprep-ostree,
/// or BOOTPREP_OSTREE_CACHE), each staged as on a booted host, with a copy finalized by ostree itself.
/// </summary>
internal static class OstreeSysroots
{
    private static readonly Lazy<string> s_cache = new(() =>
        ExternalTool.Run(Path.Combine(Fixtures.RepositoryRoot, "fixtures", "ostree", "build.sh")).Trim());

    /// <summary>The scenarios with a staged deployment that ostree finalizes.</summary>
    public static TheoryData<string> Finalizing => ["merge-kargs", "override-kargs", "no-flip", "version-flip"];

    /// <summary>The directory of <paramref name="scenario"/>.</summary>
    public static string Scenario(string scenario) => Path.Combine(s_cache.Value, scenario);

    /// <summary>fixtures/ostree/booted.sh, which runs a command as on a host booted from a sysroot.</summary>
    public static string Booted => Path.Combine(Fixtures.RepositoryRoot, "fixtures", "ostree", "booted.sh");

    /// <summary>
    /// A host tree as the booted system of <paramref name="scenario"/> sees it: /sysroot and /boot lead to its sysroot
    /// (its <c>finalized</c> copy when <paramref name="finalized"/>), /run is a copy of its run state (without the
    /// staged deployment once finalized) and /proc/cmdline is the booted entry's options.
    /// </summary>
    public static TestTree View(string scenario, bool finalized = false)
    {
        var source = Scenario(scenario);
        var sysroot = Path.Combine(source, finalized ? "finalized" : "sysroot");
        var tree = new TestTree().File("proc/cmdline", File.ReadAllText(Path.Combine(source, "cmdline")));
        tree.Symlink("sysroot", sysroot).Symlink("boot", Path.Combine(sysroot, "boot"));
        ExternalTool.Run("cp", "-a", Path.Combine(source, "run"), Path.Combine(tree.Root, "run"));
        if (finalized)
        {
            File.Delete(Path.Combine(tree.Root, "run", "ostree", "staged-deployment"));
        }

        return tree;
    }

    /// <summary>The default entry of <paramref name="scenario"/>'s finalized sysroot: what finalization wrote.</summary>
    public static FinalizedEntry Written(string scenario)
    {
        var boot = Path.Combine(Scenario(scenario), "finalized", "boot");
        var entry = Directory.GetFiles(Path.Combine(boot, "loader", "entries"), "*.conf")
            .Select(File.ReadAllLines)
            .OrderByDescending(lines => int.Parse(Value(lines, "version")!, System.Globalization.CultureInfo.InvariantCulture))
            .First();
        return new FinalizedEntry(
            Value(entry, "options")!,
            Sha256(Path.Combine(boot, Value(entry, "linux")!.TrimStart('/'))),
            [.. entry.Where(line => line.StartsWith("initrd ", StringComparison.Ordinal)).Select(line => Sha256(Path.Combine(boot, line[7..].TrimStart('/'))))]);
    }

    private static string? Value(string[] lines, string key) =>
        lines.FirstOrDefault(line => line.StartsWith(key + " ", StringComparison.Ordinal))?[(key.Length + 1)..];

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}

/// <summary>What a boot entry boots: its options and the sha256 of its kernel and of each initrd.</summary>
internal sealed record FinalizedEntry(string Options, string KernelSha256, IReadOnlyList<string> InitrdSha256)
{
    /// <summary>Fails unless the stage plan <paramref name="plan"/> boots this entry: its cmdline, kernel.sha256 and initrd[].sha256.</summary>
    public void AssertPlanned(System.Text.Json.JsonElement plan)
    {
        Assert.Equal(Options, plan.GetProperty("cmdline").GetString());
        Assert.Equal(KernelSha256, plan.GetProperty("kernel").GetProperty("sha256").GetString());
        Assert.Equal(InitrdSha256, plan.GetProperty("initrd").EnumerateArray().Select(piece => piece.GetProperty("sha256").GetString()));
    }
}
