using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Hosts;

namespace BootPrep.Sources.Registry;

/// <summary>
/// The registry HTTP API v2 (OCI distribution-spec) for one repository: manifests by tag or digest, blobs streamed,
/// over HTTPS only. Authentication as registries ask for it (RFC 7235 challenges on 401): Basic with the credentials
/// of the auth files, or a Bearer token from the realm the challenge names (anonymous when there are no credentials).
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    /// <summary>What bootprep reads, newest first: OCI index and manifest, Docker manifest list and schema 2.</summary>
    public static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private const int MaxManifestSize = 4 << 20;
    private const int MaxTokenSize = 1 << 20;

    /// <summary>How many times a request is sent before a transient failure is reported.</summary>
    internal const int Attempts = 3;

    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly RegistryReference _reference;
    private readonly (string User, string Password)? _credentials;
    private readonly X509Certificate2Collection _trusted = [];
    private readonly bool _tlsVerify;
    private readonly Lock _lock = new();
    private AuthenticationHeaderValue? _authorization;

    public RegistryClient(RegistryReference reference, RegistryOptions options, HostEnvironment host)
        : this(reference, options, host, handler: null)
    {
    }

    /// <summary>A client whose requests go through <paramref name="handler"/> (a test's), or HTTPS when null.</summary>
    internal RegistryClient(RegistryReference reference, RegistryOptions options, HostEnvironment host, HttpMessageHandler? handler)
    {
        _reference = reference;
        _tlsVerify = options.TlsVerify;
        _credentials = RegistryCredentials.Find(options.AuthFiles, reference);
        var certDirectories = options.CertDirectory is { } given
            ? [given]
            : new[] { $"etc/containers/certs.d/{reference.Registry}", $"etc/docker/certs.d/{reference.Registry}" }.Select(host.PathOf);
        // containers-certs.d(5): *.crt are CAs to trust; NAME.cert with NAME.key is a client certificate to present.
        var clientCertificates = new X509CertificateCollection();
        foreach (var directory in certDirectories.Where(Directory.Exists))
        {
            foreach (var file in Directory.GetFiles(directory, "*.crt").Order(StringComparer.Ordinal))
            {
                _trusted.ImportFromPemFile(file);
            }

            foreach (var certificate in Directory.GetFiles(directory, "*.cert").Order(StringComparer.Ordinal))
            {
                var key = Path.ChangeExtension(certificate, ".key");
                clientCertificates.Add(File.Exists(key)
                    ? X509Certificate2.CreateFromPemFile(certificate, key)
                    : throw new BootPrepException(BootPrepErrorKind.Unreadable, certificate, $"a client certificate without its key ({Path.GetFileName(key)} beside it)"));
            }
        }

        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(30),
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = { RemoteCertificateValidationCallback = Validate, ClientCertificates = clientCertificates },
        })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("bootprep", "1"));
    }

    /// <summary>The manifest (or index) <paramref name="reference"/> names: its bytes, media type and digest, checked.</summary>
    public (byte[] Body, string MediaType, Digest Digest) Manifest(string reference)
    {
        using var response = Send(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url($"manifests/{reference}"));
            foreach (var type in ManifestTypes)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            return request;
        }, $"manifest {reference}");
        var body = ReadCapped(response, MaxManifestSize, $"the manifest {reference}");
        var digest = new Digest("sha256", Convert.ToHexStringLower(SHA256.HashData(body)));
        var claimed = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if ((reference.Contains(':', StringComparison.Ordinal) && reference != digest.ToString()) || (claimed is not null && claimed != digest.ToString()))
        {
            throw new BootPrepException(BootPrepErrorKind.DigestMismatch, $"{_reference}: manifest {reference}", $"the registry sent a manifest whose sha256 is {digest}, not {(claimed ?? reference)}");
        }

        return (body, response.Content.Headers.ContentType?.MediaType ?? "", digest);
    }

    /// <summary>The blob <paramref name="digest"/>, streamed as it arrives (the caller verifies it).</summary>
    public Stream Blob(Digest digest)
    {
        var response = Send(() => new HttpRequestMessage(HttpMethod.Get, Url($"blobs/{digest}")), $"blob {digest}");
        try
        {
            return new ResponseStream(response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="length"/> bytes of the blob <paramref name="digest"/> from <paramref name="offset"/> (an HTTP range
    /// request), streamed; null when the registry ignores the range and would send the whole blob.
    /// </summary>
    public Stream? BlobRange(Digest digest, long offset, long length)
    {
        var what = $"blob {digest} bytes {offset}-{offset + length - 1}";
        var response = Send(() => new HttpRequestMessage(HttpMethod.Get, Url($"blobs/{digest}")) { Headers = { Range = new RangeHeaderValue(offset, offset + length - 1) } }, what);
        try
        {
            if (response.StatusCode != HttpStatusCode.PartialContent)
            {
                response.Dispose();
                return null;
            }

            if (response.Content.Headers.ContentRange is not { From: var from, To: var to } || from != offset || to != offset + length - 1)
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{_reference}: {what}", $"the registry sent bytes {response.Content.Headers.ContentRange?.ToString() ?? "(no Content-Range)"} instead");
            }

            return new ResponseStream(response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private Uri Url(string path) => new($"https://{_reference.ApiHost}/v2/{_reference.Repository}/{path}");

    /// <summary>Sends, answering one authentication challenge; any status but success is an error in words.</summary>
    private HttpResponseMessage Send(Func<HttpRequestMessage> request, string what)
    {
        var response = Attempt(request, what);
        if (response.StatusCode == HttpStatusCode.Unauthorized && Challenge(response) is { } challenge)
        {
            response.Dispose();
            lock (_lock)
            {
                _authorization = Answer(challenge, what);
            }

            response = Attempt(request, what);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw Failure(response, what);
        }
    }

    /// <summary>
    /// Sends <paramref name="make"/>'s request, again after a pause when the registry is briefly unable to answer (429,
    /// 502, 503, 504) or the connection broke, as skopeo does: at most <see cref="Attempts"/> times.
    /// </summary>
    private HttpResponseMessage Attempt(Func<HttpRequestMessage> make, string what)
    {
        for (var attempt = 1; ; attempt++)
        {
            var last = attempt == Attempts;
            using var request = make();
            lock (_lock)
            {
                request.Headers.Authorization = _authorization;
            }

            HttpResponseMessage response;
            try
            {
                response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead);
            }
            catch (HttpRequestException ex) when (!last && Transient(ex))
            {
                Thread.Sleep(Pause(attempt, retryAfter: null));
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw Unreachable(ex, what);
            }
            catch (TaskCanceledException)
            {
                throw new BootPrepException(BootPrepErrorKind.Unreachable, $"{_reference}: {what}", $"{_reference.ApiHost} did not answer within {_http.Timeout.TotalSeconds:0} s");
            }

            if (last || (int)response.StatusCode is not (429 or 502 or 503 or 504))
            {
                return response;
            }

            var pause = Pause(attempt, response.Headers.RetryAfter?.Delta);
            response.Dispose();
            Thread.Sleep(pause);
        }
    }

    // A connection that broke (reset, closed early) is worth another try; one refused, or a name that does not resolve, is not.
    private static bool Transient(HttpRequestException error) =>
        !ClientCertificateRefused(error)
        && (error.InnerException is IOException || error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted });

    // The server's TLS alert (RFC 8446 6.2: bad_certificate, certificate_required) reaches .NET only as OpenSSL's words.
    private static bool ClientCertificateRefused(Exception error)
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner.Message.Contains("alert bad certificate", StringComparison.Ordinal) || inner.Message.Contains("alert certificate required", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan Pause(int attempt, TimeSpan? retryAfter) =>
        retryAfter is { } asked && asked <= MaxPause ? asked : TimeSpan.FromMilliseconds(250 << (attempt - 1));

    private BootPrepException Unreachable(HttpRequestException error, string what)
    {
        var where = $"{_reference}: {what}";
        if (ClientCertificateRefused(error))
        {
            return new BootPrepException(BootPrepErrorKind.Unreachable, where, $"TLS: {_reference.ApiHost} refused the connection for want of a client certificate it trusts; put NAME.cert and NAME.key in the cert directory (--cert-dir, or /etc/containers/certs.d/{_reference.Registry})");
        }

        if (error.InnerException is AuthenticationException)
        {
            return new BootPrepException(BootPrepErrorKind.Unreachable, where, $"TLS: the certificate of {_reference.ApiHost} is not trusted or not for that name; give its CA with --cert-dir DIR (a *.crt file), or --tls-verify=false for a test registry");
        }

        var reason = error.InnerException is SocketException socket ? socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "no such host",
            SocketError.TimedOut => "timed out",
            var code => code.ToString(),
        } : error.Message;
        return new BootPrepException(BootPrepErrorKind.Unreachable, where, $"cannot reach {_reference.ApiHost}: {reason}");
    }

    private BootPrepException Failure(HttpResponseMessage response, string what)
    {
        var where = $"{_reference}: {what}";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new BootPrepException(
                BootPrepErrorKind.Unauthorized,
                where,
                _credentials is null
                    ? $"{(int)response.StatusCode}: the registry wants credentials; log in (podman login, skopeo login) or give an auth file with --authfile"
                    : $"{(int)response.StatusCode}: the registry refused the credentials for {_reference.Registry} from the auth file"),
            HttpStatusCode.NotFound => new BootPrepException(BootPrepErrorKind.ImageNotFound, where, "404: not in the registry (no such repository, tag or digest)"),
            var status and (HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout) =>
                new BootPrepException(BootPrepErrorKind.Unreachable, where, $"the registry answered {(int)status} {response.ReasonPhrase} {Attempts} times; try again later"),
            var status => new BootPrepException(BootPrepErrorKind.Unreachable, where, $"the registry answered {(int)status} {response.ReasonPhrase}"),
        };
    }

    /// <summary>The first challenge of a 401 that bootprep answers: Basic or Bearer.</summary>
    private static AuthenticationHeaderValue? Challenge(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.FirstOrDefault(value => value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase));

    private AuthenticationHeaderValue Answer(AuthenticationHeaderValue challenge, string what)
    {
        var basic = _credentials is var (user, password) ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")) : null;
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return basic is not null
                ? new AuthenticationHeaderValue("Basic", basic)
                : throw new BootPrepException(BootPrepErrorKind.Unauthorized, $"{_reference}: {what}", "401: the registry wants credentials; log in (podman login, skopeo login) or give an auth file with --authfile");
        }

        var parameters = ChallengeParameters(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || realmUri.Scheme != Uri.UriSchemeHttps && !realmUri.IsLoopback)
        {
            throw new BootPrepException(BootPrepErrorKind.Unreachable, $"{_reference}: {what}", $"the registry's Bearer challenge names no https token realm ({challenge})");
        }

        var query = new StringBuilder();
        if (parameters.TryGetValue("service", out var service))
        {
            query.Append("service=").Append(Uri.EscapeDataString(service));
        }

        query.Append(query.Length > 0 ? "&" : "").Append("scope=").Append(Uri.EscapeDataString(parameters.GetValueOrDefault("scope") ?? $"repository:{_reference.Repository}:pull"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(realmUri) { Query = query.ToString() }.Uri);
        if (basic is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        HttpResponseMessage response;
        try
        {
            response = _http.Send(request);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex, $"token from {realmUri.Host}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, $"token from {realmUri.Host}");
            }

            string? token = null;
            try
            {
                using var document = JsonDocument.Parse(ReadCapped(response, MaxTokenSize, "the token"));
                var root = document.RootElement;
                token = root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("token", out var value) || root.TryGetProperty("access_token", out value)) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            }
            catch (JsonException)
            {
            }

            return token is { Length: > 0 }
                ? new AuthenticationHeaderValue("Bearer", token)
                : throw new BootPrepException(BootPrepErrorKind.Unauthorized, $"{_reference}: token from {realmUri.Host}", "the token server's answer is not JSON holding a token");
        }
    }

    /// <summary>The auth-params of a challenge: key="quoted value" pairs separated by commas.</summary>
    private static Dictionary<string, string> ChallengeParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            rest = rest.TrimStart(" ,");
            var equals = rest.IndexOf('=');
            if (equals <= 0)
            {
                break;
            }

            var key = rest[..equals].Trim().ToString();
            rest = rest[(equals + 1)..];
            string value;
            if (rest.StartsWith("\""))
            {
                var end = rest[1..].IndexOf('"');
                value = end < 0 ? rest[1..].ToString() : rest[1..(end + 1)].ToString();
                rest = end < 0 ? [] : rest[(end + 2)..];
            }
            else
            {
                var end = rest.IndexOf(',');
                value = (end < 0 ? rest : rest[..end]).Trim().ToString();
                rest = end < 0 ? [] : rest[end..];
            }

            parameters.TryAdd(key, value);
        }

        return parameters;
    }

    private byte[] ReadCapped(HttpResponseMessage response, int limit, string what)
    {
        using var stream = response.Content.ReadAsStream();
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int read; (read = stream.Read(chunk)) > 0;)
        {
            if (buffer.Length + read > limit)
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{_reference}: {what}", $"more than the {limit} bytes bootprep reads of it");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!_tlsVerify || errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || _trusted.Count == 0 || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(element => element.Certificate).ToArray());
        }

        return custom.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }

    /// <summary>A response's body that disposes the response with it.</summary>
    private sealed class ResponseStream(HttpResponseMessage response) : ReadOnlyStream
    {
        private readonly Stream _body = response.Content.ReadAsStream();

        public override int Read(Span<byte> buffer) => _body.Read(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _body.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
