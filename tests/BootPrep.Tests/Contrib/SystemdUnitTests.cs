using BootPrep.Tests.Support;

namespace BootPrep.Tests.Contrib;

/// <summary>contrib/systemd's units pass systemd-analyze verify, with bootprep and its man page where they would be installed.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string s_units = Path.Combine(Fixtures.RepositoryRoot, "contrib", "systemd");

    [Fact]
    public void The_units_and_the_drop_in_verify()
    {
        using var tree = new TestTree();
        var root = Path.Combine(tree.Root, "root");
        var system = Path.Combine(root, "etc", "systemd", "system");
        tree.File("root/usr/bin/bootprep", "#!/bin/sh\n").File("man/man1/bootprep.1", File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "docs", "bootprep.1")));
        File.SetUnixFileMode(Path.Combine(root, "usr", "bin", "bootprep"), (UnixFileMode)0x1ed);
        CopyDirectory("/usr/lib/systemd/system", Path.Combine(root, "usr", "lib", "systemd", "system"));
        CopyDirectory(s_units, system);

        ExternalTool.Run(
            new Dictionary<string, string> { ["MANPATH"] = Path.Combine(tree.Root, "man") },
            "systemd-analyze",
            "verify",
            $"--root={root}",
            Path.Combine(system, "bootprep-stage.service"),
            Path.Combine(system, "bootprep-stage.path"));
    }

    [Fact]
    public void The_service_stages_the_deployed_image_before_a_kexec()
    {
        var service = File.ReadAllText(Path.Combine(s_units, "bootprep-stage.service"));

        Assert.Contains("ConditionPathExists=/var/lib/bootprep/next", service, StringComparison.Ordinal);
        Assert.Contains("Before=kexec.target systemd-kexec.service", service, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/bin/bootprep stage ${BOOTPREP_IMAGE} $BOOTPREP_STAGE_ARGS", service, StringComparison.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            switch (entry)
            {
                case FileInfo { LinkTarget: { } link }:
                    File.CreateSymbolicLink(target, link);
                    break;
                case FileInfo file:
                    file.CopyTo(target);
                    break;
                case DirectoryInfo directory:
                    CopyDirectory(directory.FullName, target);
                    break;
            }
        }
    }
}
