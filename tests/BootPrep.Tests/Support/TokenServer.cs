using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace BootPrep.Tests.Support;

/// <summary>
/// A registry token server as the distribution token spec describes it (docs/spec/auth/token.md, jwt.md): GET
/// /token?service=&amp;scope= answers {"token": JWT}, an RS256 JWT whose x5c header carries the signing certificate,
/// which the registry trusts through its rootcertbundle. Anonymous callers get pull; the user gets what the scope asks.
/// </summary>
internal sealed class TokenServer : IDisposable
{
    public const string Service = "bootprep-test-registry";
    public const string Issuer = "bootprep-test-issuer";

    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly string _basic;
    private readonly List<string> _issued = [];
    private readonly Task _serving;

    public TokenServer(string user, string password, string bundlePath)
    {
        var request = new CertificateRequest("CN=bootprep test token issuer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(bundlePath, _certificate.ExportCertificatePem());
        _basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        var port = FreePort();
        Realm = $"http://127.0.0.1:{port}/token";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    /// <summary>The realm registries send clients to.</summary>
    public string Realm { get; }

    /// <summary>Who got a token, in order: "anonymous" or "user".</summary>
    public IReadOnlyList<string> Issued
    {
        get
        {
            lock (_issued)
            {
                return [.. _issued];
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _certificate.Dispose();
        _key.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var user = context.Request.Headers["Authorization"] == $"Basic {_basic}";
            if (context.Request.Headers["Authorization"] is not null && !user)
            {
                context.Response.StatusCode = 401;
                context.Response.Close();
                continue;
            }

            var scope = context.Request.QueryString["scope"] ?? "";
            var parts = scope.Split(':');
            var actions = user ? parts.Length == 3 ? parts[2].Split(',') : ["pull"] : ["pull"];
            lock (_issued)
            {
                _issued.Add(user ? "user" : "anonymous");
            }

            var body = Encoding.UTF8.GetBytes(new JsonObject { ["token"] = Token(parts.Length == 3 ? parts[1] : "", actions) }.ToJsonString());
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private string Token(string repository, string[] actions)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)) };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = "bootprep",
            ["aud"] = Service,
            ["exp"] = now + 600,
            ["nbf"] = now - 60,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = new JsonArray(new JsonObject { ["type"] = "repository", ["name"] = repository, ["actions"] = new JsonArray([.. actions.Select(action => (JsonNode)action)]) }),
        };
        var signed = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        return $"{signed}.{Base64Url(_key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
