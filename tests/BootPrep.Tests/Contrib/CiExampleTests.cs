using System.Diagnostics;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Contrib;

/// <summary>
/// contrib/ci/check-kernel.sh end to end, with podman replaced by a stand-in that "builds" by handing over an OCI
/// archive skopeo made: it writes the expectation, passes on the same image, and fails with a diff on a changed one.
/// </summary>
public sealed class CiExampleTests
{
    [Fact]
    public void The_script_writes_the_expectation_then_passes_and_fails_on_a_change()
    {
        using var tree = new TestTree();
        var bin = Path.Combine(tree.Root, "bin");
        var built = Path.Combine(tree.Root, "built.tar");
        tree.File("bin/podman", $"#!/bin/sh\nif [ \"$1\" = save ]; then cp '{built}' \"$5\"; fi\n")
            .File("bin/bootprep", $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "bootprep.dll")}' \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(bin, "podman"), (UnixFileMode)0x1ed);
        File.SetUnixFileMode(Path.Combine(bin, "bootprep"), (UnixFileMode)0x1ed);
        var expected = Path.Combine(tree.Root, "repo", "ci", "kernel.json");

        Archive(tree, built, "quiet");
        var update = Check(bin, tree.Root, expected, update: true);
        var same = Check(bin, tree.Root, expected, update: false);
        Archive(tree, built, "debug");
        var changed = Check(bin, tree.Root, expected, update: false);

        Assert.Equal(0, update.ExitCode);
        Assert.True(File.Exists(expected));
        Assert.Equal(0, same.ExitCode);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("@@ kargs[0] @@\n-\"quiet\"\n+\"debug\"\n", changed.Output, StringComparison.Ordinal);
    }

    private static void Archive(TestTree tree, string archive, string karg)
    {
        var layout = new OciImageBuilder()
            .Layer(layer => layer.File("usr/lib/modules/6.12.0/vmlinuz", "kernel").File("usr/lib/bootc/kargs.d/10.toml", $"kargs = [\"{karg}\"]\n"))
            .WriteLayout(Path.Combine(tree.Root, $"layout-{karg}"));
        File.Delete(archive);
        ExternalTool.Run("skopeo", "copy", $"oci:{layout}:latest", $"oci-archive:{archive}");
    }

    private static (int ExitCode, string Output) Check(string bin, string root, string expected, bool update)
    {
        var start = new ProcessStartInfo(Path.Combine(Fixtures.RepositoryRoot, "contrib", "ci", "check-kernel.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.ArgumentList.Add(root);
        start.ArgumentList.Add(expected);
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["UPDATE"] = update ? "1" : "0";
        // The layer cache inside the test's tree, not the machine's (/var/cache/bootprep for root).
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(root, "cache");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
