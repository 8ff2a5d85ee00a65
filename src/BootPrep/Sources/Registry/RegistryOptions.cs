namespace BootPrep.Sources.Registry;

/// <summary>How to reach registries, as skopeo's options say it.</summary>
/// <param name="AuthFiles">Credential files to look in, the first that has the registry wins (containers-auth.json(5)).</param>
/// <param name="TlsVerify">Verify the registry's certificate chain and name (--tls-verify).</param>
/// <param name="CertDirectory">
/// A directory of extra CA certificates (*.crt) to trust (--cert-dir); null for the registry's own in
/// /etc/containers/certs.d/HOST:PORT and /etc/docker/certs.d/HOST:PORT.
/// </param>
public sealed record RegistryOptions(IReadOnlyList<string> AuthFiles, bool TlsVerify, string? CertDirectory)
{
    /// <summary>Told the number of layer bytes fetched so far, as they arrive (from several layers at once).</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>No credentials, verified TLS, the default certificate directories.</summary>
    public static RegistryOptions Default { get; } = new([], TlsVerify: true, CertDirectory: null);
}
