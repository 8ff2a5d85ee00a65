using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>
/// docker:// against a real registry (Debian's docker-registry on loopback, HTTPS with a self-signed certificate,
/// htpasswd auth), images pushed by skopeo: the same report as from the OCI layout, and one-line errors.
/// </summary>
public sealed class RegistryTests : IClassFixture<TestRegistry>, IDisposable
{
    private readonly TestRegistry _registry;
    private readonly TestTree _tree = new();
    private readonly string _layout;

    public RegistryTests(TestRegistry registry)
    {
        _registry = registry;
        _layout = new OciImageBuilder()
            .Layer(layer => layer.File("usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP")).File("usr/lib/modules/6.12.0/initramfs.img", "initramfs"))
            .Layer(layer => layer.File("usr/lib/bootc/kargs.d/10-console.toml", "kargs = [\"console=ttyS0\"]\n"), LayerCompression.Zstd)
            .WriteLayout(Path.Combine(_tree.Root, "layout"));
        _registry.Push(_layout, "os/bootable:42");
    }

    public void Dispose() => _tree.Dispose();

    private static OciImageBuilder Kernel(string version) =>
        new OciImageBuilder().Layer(layer => layer.File($"usr/lib/modules/{version}/vmlinuz", KernelBytes.BzImage($"{version} (builder@fedora) #1 SMP")));

    [Fact]
    public void A_pushed_image_reads_as_from_its_layout()
    {
        var fromRegistry = CliRun.Of("inspect", _registry.Reference("os/bootable:42"), "--json", "--authfile", _registry.AuthFile, "--cert-dir", _registry.CertDirectory);
        var fromLayout = CliRun.Of("inspect", $"oci:{_layout}", "--json");

        Assert.True(fromRegistry.ExitCode == 0, fromRegistry.Error);
        Assert.Equal(fromLayout.Output, fromRegistry.Output);
        Assert.Contains("\"console=ttyS0\"", fromRegistry.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_the_layout_and_podman_storage_give_one_report()
    {
        var store = $"[vfs@{Path.Combine(_tree.Root, "storage")}+{Path.Combine(_tree.Root, "run")}]";
        ExternalTool.Run("skopeo", "copy", "--quiet", "--src-tls-verify=false", "--src-creds", $"{TestRegistry.User}:{TestRegistry.Password}", _registry.Reference("os/bootable:42"), $"containers-storage:{store}localhost/bootable:42");

        var reports = new[]
        {
            CliRun.Of("inspect", _registry.Reference("os/bootable:42"), "--json", "--authfile", _registry.AuthFile, "--tls-verify=false"),
            CliRun.Of("inspect", $"oci:{_layout}", "--json"),
            CliRun.Of("inspect", $"containers-storage:{store}localhost/bootable:42", "--json"),
        };

        Assert.All(reports, run => Assert.True(run.ExitCode == 0, run.Error));
        Assert.Single(reports.Select(run => run.Output).Distinct());
    }

    [Fact]
    public void A_digest_reference_reads_the_same_image()
    {
        var digest = ExternalTool.Run("skopeo", "inspect", "--tls-verify=false", "--creds", $"{TestRegistry.User}:{TestRegistry.Password}", "--format", "{{.Digest}}", _registry.Reference("os/bootable:42")).Trim();

        var run = CliRun.Of("stage", "--dry-run", _registry.Reference($"os/bootable@{digest}"), "--authfile", _registry.AuthFile, "--tls-verify=false", "--cmdline", "quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Kernel: usr/lib/modules/6.12.0/vmlinuz", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("linux/amd64", "6.1-amd64")]
    [InlineData("linux/arm64", "6.1-arm64")]
    public void A_multi_platform_index_is_chosen_from_by_platform(string platform, string version)
    {
        var layout = Path.Combine(_tree.Root, "multi");
        new LayoutWriter(layout).AddIndex([(Kernel(version), "amd64"), (Kernel(version == "6.1-amd64" ? "6.1-x" : "6.1-arm64"), "arm64")], "latest", attestation: false);
        _registry.Push(layout, "os/multi:latest", "--all");

        var run = CliRun.Of("inspect", _registry.Reference("os/multi:latest"), "--platform", platform, "--authfile", _registry.AuthFile, "--tls-verify=false", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"\"version\": \"{version}\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpack_writes_the_root()
    {
        var target = Path.Combine(_tree.Root, "root");

        var run = CliRun.Of("unpack", _registry.Reference("os/bootable:42"), target, "--authfile", _registry.AuthFile, "--tls-verify=false", "--quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("initramfs", File.ReadAllText(Path.Combine(target, "usr", "lib", "modules", "6.12.0", "initramfs.img")));
    }

    [Fact]
    public void Without_credentials_the_error_says_how_to_give_them()
    {
        var run = CliRun.Of("inspect", _registry.Reference("os/bootable:42"), "--authfile", Path.Combine(_tree.Root, "none.json"), "--cert-dir", _registry.CertDirectory);

        Assert.Equal((1, $"bootprep: {_registry.Reference("os/bootable:42")}: manifest 42: 401: the registry wants credentials; log in (podman login, skopeo login) or give an auth file with --authfile\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public void Wrong_credentials_are_named_as_refused()
    {
        var wrong = Path.Combine(_tree.Root, "wrong.json");
        File.WriteAllText(wrong, $"{{\"auths\": {{\"127.0.0.1:{_registry.Port}\": {{\"auth\": \"{Convert.ToBase64String("bootprep:nope"u8.ToArray())}\"}}}}}}");

        var run = CliRun.Of("inspect", _registry.Reference("os/bootable:42"), "--authfile", wrong, "--tls-verify=false");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("401: the registry refused the credentials for 127.0.0.1:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untrusted_certificate_is_a_tls_error_with_the_remedy()
    {
        var run = CliRun.Of("inspect", _registry.Reference("os/bootable:42"), "--authfile", _registry.AuthFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TLS: the certificate of 127.0.0.1:", run.Error, StringComparison.Ordinal);
        Assert.Contains("give its CA with --cert-dir DIR", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_tag_is_not_found()
    {
        var run = CliRun.Of("inspect", _registry.Reference("os/bootable:43"), "--authfile", _registry.AuthFile, "--tls-verify=false");

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("manifest 43: 404: not in the registry (no such repository, tag or digest)\n", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker://Upper/Case", "not an image name")]
    [InlineData("docker://host/repo@sha256:12", "sha256")]
    public void A_malformed_reference_is_named(string reference, string words)
    {
        var run = CliRun.Of("inspect", reference);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(words, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Nothing_listening_is_connection_refused()
    {
        var run = CliRun.Of("inspect", "docker://127.0.0.1:1/os/bootable:42", "--tls-verify=false");

        Assert.Equal((1, "bootprep: docker://127.0.0.1:1/os/bootable:42: manifest 42: cannot reach 127.0.0.1:1: connection refused\n"), (run.ExitCode, run.Error));
    }
}

/// <summary>docker:// against a registry that wants Bearer tokens (distribution token auth), from a token server on loopback.</summary>
public sealed class BearerRegistryTests : IClassFixture<BearerRegistry>, IDisposable
{
    private readonly BearerRegistry _registry;
    private readonly TestTree _tree = new();

    public BearerRegistryTests(BearerRegistry registry)
    {
        _registry = registry;
        var layout = new OciImageBuilder()
            .Layer(layer => layer.File("usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP")))
            .WriteLayout(Path.Combine(_tree.Root, "layout"));
        _registry.Push(layout, "os/bearer:1");
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void An_anonymous_token_is_fetched_from_the_realm_the_registry_names()
    {
        var before = _registry.TokensIssued.Count;

        var run = CliRun.Of("inspect", _registry.Reference("os/bearer:1"), "--authfile", Path.Combine(_tree.Root, "none.json"), "--cert-dir", _registry.CertDirectory, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"version\": \"6.12.0\"", run.Output, StringComparison.Ordinal);
        Assert.Equal(["anonymous"], _registry.TokensIssued.Skip(before));
    }

    [Fact]
    public void Credentials_go_to_the_token_server()
    {
        var before = _registry.TokensIssued.Count;

        var run = CliRun.Of("inspect", _registry.Reference("os/bearer:1"), "--authfile", _registry.AuthFile, "--cert-dir", _registry.CertDirectory);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["user"], _registry.TokensIssued.Skip(before));
    }
}

/// <summary>docker:// against a registry that wants a client certificate: presented from the cert directory.</summary>
public sealed class MutualTlsRegistryTests : IClassFixture<MutualTlsRegistry>, IDisposable
{
    private readonly MutualTlsRegistry _registry;
    private readonly TestTree _tree = new();
    private readonly string _layout;

    public MutualTlsRegistryTests(MutualTlsRegistry registry)
    {
        _registry = registry;
        _layout = new OciImageBuilder()
            .Layer(layer => layer.File("usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP")))
            .WriteLayout(Path.Combine(_tree.Root, "layout"));
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void The_client_certificate_in_the_cert_directory_is_presented()
    {
        var reference = Push("os/mtls:1");

        var withCertificate = CliRun.Of("inspect", reference, "--authfile", _registry.AuthFile, "--cert-dir", _registry.ClientCertDirectory);
        var without = CliRun.Of("inspect", reference, "--authfile", _registry.AuthFile, "--cert-dir", _registry.CertDirectory);

        Assert.True(withCertificate.ExitCode == 0, withCertificate.Error);
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("manifest 1: TLS: 127.0.0.1:", without.Error, StringComparison.Ordinal);
        Assert.Contains("refused the connection for want of a client certificate it trusts", without.Error, StringComparison.Ordinal);
        Assert.Single(without.Error.Trim().Split('\n'));
    }

    [Fact]
    public void A_client_certificate_without_its_key_is_named()
    {
        var directory = Path.Combine(_tree.Root, "half");
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(_registry.ClientCertDirectory, "client.cert"), Path.Combine(directory, "client.cert"));

        var run = CliRun.Of("inspect", _registry.Reference("os/mtls:1"), "--cert-dir", directory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("client.cert: a client certificate without its key (client.key beside it)", run.Error, StringComparison.Ordinal);
    }

    private string Push(string name)
    {
        ExternalTool.Run("skopeo", "copy", "--quiet", "--dest-cert-dir", _registry.ClientCertDirectory, "--dest-creds", $"{TestRegistry.User}:{TestRegistry.Password}", $"oci:{_layout}", _registry.Reference(name));
        return _registry.Reference(name);
    }
}
