using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BootPrep.Tests.Support;

/// <summary>
/// Debian's docker-registry (the distribution registry) on 127.0.0.1, started by the test: HTTPS with a self-signed
/// certificate made by openssl, htpasswd (bcrypt, by apache2-utils' htpasswd) auth for one user, or, in
/// <see cref="BearerRegistry"/>, token auth with a <see cref="TokenServer"/>. Images are pushed with skopeo.
/// Stopped when disposed.
/// </summary>
public class TestRegistry : IDisposable
{
    public const string User = "bootprep";
    public const string Password = "s3cret-pass";

    private readonly TestTree _files = new();
    private readonly Process _process;
    private readonly TokenServer? _tokens;
    private readonly Process? _blobStore;
    private readonly ConcurrentQueue<string> _blobRequests = new();

    public TestRegistry()
        : this(bearer: false, clientCertificates: false)
    {
    }

    protected TestRegistry(bool bearer, bool clientCertificates, bool redirectBlobs = false)
    {
        Port = FreePort();
        var blobStorePort = redirectBlobs ? FreePort() : 0;
        var root = _files.Root;
        Directory.CreateDirectory(Path.Combine(root, "certs"));
        _tokens = bearer ? new TokenServer(User, Password, Path.Combine(root, "token-ca.pem")) : null;
        ExternalTool.Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", Path.Combine(root, "key.pem"), "-out", Path.Combine(root, "certs", "ca.crt"), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        File.WriteAllText(Path.Combine(root, "htpasswd"), ExternalTool.Run("htpasswd", "-Bbn", User, Password));
        File.WriteAllText(Path.Combine(root, "config.yml"), $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {root}/data
            http:
              addr: 127.0.0.1:{Port}
              tls:
                certificate: {root}/certs/ca.crt
                key: {root}/key.pem
            {ClientCas(root, clientCertificates)}
            {Auth(root)}
            {Redirect(blobStorePort)}
            """);
        AuthFile = Path.Combine(root, "auth.json");
        File.WriteAllText(AuthFile, $"{{\"auths\": {{\"127.0.0.1:{Port}\": {{\"auth\": \"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}"))}\"}}}}}}");
        var start = new ProcessStartInfo("docker-registry") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(Path.Combine(root, "config.yml"));
        _process = Started(start, _ => { });
        WaitUntilListening(_process, Port);
        if (redirectBlobs)
        {
            // The registry's own storage, served as the blob store it redirects to: what the redirect middleware names.
            var store = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { Path.Combine(Fixtures.RepositoryRoot, "fixtures", "registry", "blob-store.py"), Path.Combine(root, "data"), blobStorePort.ToString(CultureInfo.InvariantCulture), Path.Combine(root, "certs", "ca.crt"), Path.Combine(root, "key.pem") })
            {
                store.ArgumentList.Add(arg);
            }

            _blobStore = Started(store, _blobRequests.Enqueue);
            WaitUntilListening(_blobStore, blobStorePort);
        }
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>The directory holding its CA certificate (ca.crt), for --cert-dir.</summary>
    public string CertDirectory => Path.Combine(_files.Root, "certs");

    /// <summary>A containers-auth.json with the user's credentials.</summary>
    public string AuthFile { get; }

    /// <summary>docker://127.0.0.1:PORT/<paramref name="name"/>.</summary>
    public string Reference(string name) => $"docker://127.0.0.1:{Port}/{name}";

    /// <summary>
    /// Pushes the OCI layout <paramref name="layout"/> as <paramref name="name"/> with skopeo, blob for blob (no blob the
    /// registry holds in another compression is put in its place); extra arguments go to skopeo copy.
    /// </summary>
    public void Push(string layout, string name, params string[] extra) =>
        ExternalTool.Run("skopeo", ["copy", "--quiet", "--preserve-digests", "--dest-tls-verify=false", "--dest-creds", $"{User}:{Password}", .. extra, $"oci:{layout}", Reference(name)]);

    /// <summary>The requests the blob store answered after a redirect, as "STATUS PATH".</summary>
    public IReadOnlyList<string> BlobRequests => [.. _blobRequests];

    /// <summary>How many tokens the token server gave, and to whom ("anonymous" or the user).</summary>
    public IReadOnlyList<string> TokensIssued => _tokens?.Issued ?? [];

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        if (_blobStore is { HasExited: false })
        {
            _blobStore.Kill();
            _blobStore.WaitForExit();
        }

        _blobStore?.Dispose();
        _tokens?.Dispose();
        _files.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// With client certificates: a directory for --cert-dir holding the registry's CA (ca.crt) and a client certificate
    /// its client CA signed (client.cert, client.key), as containers-certs.d(5) lays them out.
    /// </summary>
    public string ClientCertDirectory => Path.Combine(_files.Root, "client");

    // The registry asks for, and checks, a client certificate signed by a CA of its own (http.tls.clientcas).
    private string ClientCas(string root, bool wanted)
    {
        if (!wanted)
        {
            return "";
        }

        var client = Path.Combine(root, "client");
        Directory.CreateDirectory(client);
        ExternalTool.Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", Path.Combine(root, "client-ca.key"), "-out", Path.Combine(root, "client-ca.pem"), "-days", "2", "-subj", "/CN=bootprep test client CA");
        ExternalTool.Run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", Path.Combine(client, "client.key"), "-out", Path.Combine(root, "client.csr"), "-subj", "/CN=bootprep test client");
        ExternalTool.Run("openssl", "x509", "-req", "-in", Path.Combine(root, "client.csr"), "-CA", Path.Combine(root, "client-ca.pem"), "-CAkey", Path.Combine(root, "client-ca.key"), "-CAcreateserial", "-out", Path.Combine(client, "client.cert"), "-days", "2");
        File.Copy(Path.Combine(root, "certs", "ca.crt"), Path.Combine(client, "ca.crt"));
        return $"    clientcas:\n      - {root}/client-ca.pem";
    }

    private string Auth(string root) => _tokens is { } tokens
        ? $"auth:\n  token:\n    realm: {tokens.Realm}\n    service: {TokenServer.Service}\n    issuer: {TokenServer.Issuer}\n    rootcertbundle: {root}/token-ca.pem"
        : $"auth:\n  htpasswd:\n    realm: bootprep-test\n    path: {root}/htpasswd";

    // distribution's redirect storage middleware: a blob download is answered 307 to BASEURL/docker/registry/v2/blobs/….
    private static string Redirect(int blobStorePort) => blobStorePort == 0 ? ""
        : $"middleware:\n  storage:\n    - name: redirect\n      options:\n        baseurl: https://127.0.0.1:{blobStorePort}/";

    private static Process Started(ProcessStartInfo start, Action<string> onError)
    {
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                onError(data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitUntilListening(Process process, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"{process.StartInfo.FileName} exited at start");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        Assert.Fail($"{process.StartInfo.FileName} did not listen on 127.0.0.1:{port} within 20 s");
    }
}

/// <summary>A <see cref="TestRegistry"/> whose clients get Bearer tokens from a <see cref="TokenServer"/>.</summary>
public sealed class BearerRegistry() : TestRegistry(bearer: true, clientCertificates: false);

/// <summary>A <see cref="TestRegistry"/> that redirects blob downloads to a blob store of its own (as to S3 or a CDN).</summary>
public sealed class RedirectingRegistry() : TestRegistry(bearer: false, clientCertificates: false, redirectBlobs: true);

/// <summary>A <see cref="TestRegistry"/> that wants a client certificate (mutual TLS).</summary>
public sealed class MutualTlsRegistry() : TestRegistry(bearer: false, clientCertificates: true);
