using BootPrep.Tests.Support;

namespace BootPrep.Tests.Contrib;

/// <summary>contrib/systemd's units pass systemd-analyze verify, with bootprep and its man page where they would be installed.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string s_units = Path.Combine(Fixtures.RepositoryRoot, "contrib", "systemd");

    [Fact]
    public void The_units_verify()
    {
        using var tree = new TestTree();
        var root = Path.Combine(tree.Root, "root");
        var system = Path.Combine(root, "etc", "systemd", "system");
        tree.File("root/usr/bin/bootprep", "#!/bin/sh\n").File("root/bin/true", "#!/bin/sh\n").File("man/man1/bootprep.1", File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "docs", "bootprep.1")));
        File.SetUnixFileMode(Path.Combine(root, "usr", "bin", "bootprep"), (UnixFileMode)0x1ed);
        File.SetUnixFileMode(Path.Combine(root, "bin", "true"), (UnixFileMode)0x1ed);
        CopyDirectory("/usr/lib/systemd/system", Path.Combine(root, "usr", "lib", "systemd", "system"));
        CopyDirectory(s_units, system);

        ExternalTool.Run(
            new Dictionary<string, string> { ["MANPATH"] = Path.Combine(tree.Root, "man") },
            "systemd-analyze",
            "verify",
            $"--root={root}",
            Path.Combine(system, "bootprep-stage.service"),
            Path.Combine(system, "bootprep-stage.path"),
            Path.Combine(system, "bootprep-finalized.service"));
    }

    [Fact]
    public void A_staged_deployment_starts_the_stage()
    {
        var path = File.ReadAllText(Path.Combine(s_units, "bootprep-stage.path"));
        var service = File.ReadAllText(Path.Combine(s_units, "bootprep-stage.service"));

        Assert.Contains("PathChanged=/run/ostree/staged-deployment", path, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/bin/bootprep stage $BOOTPREP_STAGE_ARGS", service, StringComparison.Ordinal);
        Assert.Contains("Wants=bootprep-finalized.service", service, StringComparison.Ordinal);
        Assert.Contains("Before=kexec.target systemd-kexec.service", service, StringComparison.Ordinal);
    }

    [Fact]
    public void The_confirmation_stops_after_ostree_finalizes_and_before_the_mounts_go()
    {
        var service = File.ReadAllText(Path.Combine(s_units, "bootprep-finalized.service"));

        // Units stop in the reverse of their start order: Before= at start is after at shutdown.
        Assert.Contains("Before=basic.target final.target ostree-finalize-staged.service", service, StringComparison.Ordinal);
        Assert.Contains("Conflicts=final.target", service, StringComparison.Ordinal);
        Assert.Contains("RequiresMountsFor=/sysroot /boot", service, StringComparison.Ordinal);
        Assert.Contains("DefaultDependencies=no", service, StringComparison.Ordinal);
        Assert.Contains("RemainAfterExit=yes", service, StringComparison.Ordinal);
        Assert.Contains("ExecStop=/usr/bin/bootprep stage --finalized $BOOTPREP_STAGE_ARGS", service, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_options_parse_as_stage_options()
    {
        var line = File.ReadAllLines(Path.Combine(s_units, "bootprep.default")).Single(text => text.StartsWith("BOOTPREP_STAGE_ARGS=", StringComparison.Ordinal));
        var arguments = line["BOOTPREP_STAGE_ARGS=".Length..].Trim('"').Split(' ');

        using var view = OstreeSysroots.View("merge-kargs");

        var run = CliRun.On(TestHosts.Tree(view.Root), ["stage", "--dry-run", .. arguments]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.EndsWith(" console=ttyS0,115200 (from staged-deployment)", run.Output.Split('\n').Single(text => text.StartsWith("Cmdline: ", StringComparison.Ordinal)), StringComparison.Ordinal);
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
