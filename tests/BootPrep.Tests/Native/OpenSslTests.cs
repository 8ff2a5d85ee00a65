using BootPrep.Tests.Support;

namespace BootPrep.Tests.Native;

/// <summary>The native binary on a system without OpenSSL: one line naming the library where it needs it, and no abort.</summary>
[Collection(BuildCollection.Name)]
public sealed class OpenSslTests : IDisposable
{
    private readonly TestTree _root = new();

    public OpenSslTests()
    {
        foreach (var (file, at) in NativeBinary.Libraries(withOpenSsl: false).Select(library => (library, library.TrimStart('/'))).Append((NativeBinary.Path, "bootprep")))
        {
            _root.File(at, File.ReadAllBytes(file));
            File.SetUnixFileMode(Path.Combine(_root.Root, at), (UnixFileMode)0x1ed);
        }

        _root.File("image/usr/lib/modules/6.1/vmlinuz", "kernel").Dir("proc");
    }

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("inspect", "/image")]
    [InlineData("stage", "/image", "--dry-run", "--cmdline", "quiet")]
    public void A_command_that_hashes_names_the_missing_library(params string[] args)
    {
        var (code, output) = Chroot(args);

        Assert.Equal(1, code);
        Assert.Equal("bootprep: libssl.so.3: not found: bootprep computes sha256 digests with the system's OpenSSL; install it (Debian: apt-get install libssl3)\n", output);
    }

    [Fact]
    public void A_command_that_does_not_hash_works()
    {
        var (code, output) = Chroot("--version");

        Assert.Equal(0, code);
        Assert.NotEmpty(output);
    }

    private (int Code, string Output) Chroot(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("chroot") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { _root.Root, "/bootprep" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
