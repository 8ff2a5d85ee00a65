namespace BootPrep.Tests.Support;

/// <summary>The checked-in fixtures, named once (see fixtures/README.md).</summary>
internal static class Fixtures
{
    /// <summary>The repository's top directory, found from the test binary's location.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The image-root trees under fixtures/rootfs.</summary>
    public static readonly string[] RootFsNames = ["missing-initramfs", "no-kernel", "symlinked-boot", "uki", "vmlinuz"];

    /// <summary>
    /// The trees bootc 1.16 would refuse (their placeholder UKIs are not PE images; symlinked-boot's boot is an
    /// absolute link), for which inspect prints its report and exits 7.
    /// </summary>
    public static readonly string[] RootFsRefusedByBootc = ["symlinked-boot", "uki"];

    /// <summary>The host path of fixtures/rootfs/<paramref name="name"/>.</summary>
    public static string RootFs(string name) => Path.Combine(RepositoryRoot, "fixtures", "rootfs", name);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BootPrep.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("BootPrep.sln not found above the test binaries");
    }
}
