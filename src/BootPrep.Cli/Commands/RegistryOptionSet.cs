using System.CommandLine;
using BootPrep.Cli.Output;
using BootPrep.Sources.Registry;

namespace BootPrep.Cli.Commands;

/// <summary>How to reach a registry for a docker:// source, with skopeo's option names and defaults.</summary>
internal sealed class RegistryOptionSet
{
    private readonly Option<string> _authFile = new Option<string>("--authfile")
    {
        Description = "docker://: the credentials file (containers-auth.json), instead of $REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json, ~/.config/containers/auth.json and ~/.docker/config.json.",
        HelpName = "FILE",
    }.Checked("--authfile");

    private readonly Option<bool> _tlsVerify = new("--tls-verify")
    {
        Description = "docker://: verify the registry's TLS certificate (--tls-verify=false for a test registry).",
        DefaultValueFactory = _ => true,
    };

    private readonly Option<string> _certDir = new Option<string>("--cert-dir")
    {
        Description = "docker://: trust the CA certificates (*.crt) in DIR and present its client certificate (NAME.cert, NAME.key), instead of /etc/containers/certs.d/HOST:PORT's.",
        HelpName = "DIR",
    }.Checked("--cert-dir");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_authFile);
        command.Options.Add(_tlsVerify);
        command.Options.Add(_certDir);
    }

    /// <summary>The options the command line gives; <paramref name="progress"/> is told the bytes fetched.</summary>
    public RegistryOptions Read(ParseResult result, IProgress<long>? progress = null) =>
        new(result.GetValue(_authFile) is { } file ? [file] : DefaultAuthFiles(), result.GetValue(_tlsVerify), result.GetValue(_certDir)) { Progress = progress };

    /// <summary>A progress line for a docker:// <paramref name="source"/> when standard error is this process's terminal; null otherwise.</summary>
    public static FetchProgress? ProgressFor(ParseResult result, string? source)
    {
        var error = result.InvocationConfiguration.Error;
        return source is not null && source.StartsWith(RegistryReference.Transport, StringComparison.Ordinal) && !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error)
            ? new FetchProgress(error, source)
            : null;
    }

    // containers-auth.json(5): the first of these that exists and names the registry.
    private static List<string> DefaultAuthFiles()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        return new[]
        {
            Environment.GetEnvironmentVariable("REGISTRY_AUTH_FILE"),
            Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime ? Path.Combine(runtime, "containers", "auth.json") : null,
            home is { Length: > 0 } ? Path.Combine(home, ".config", "containers", "auth.json") : null,
            home is { Length: > 0 } ? Path.Combine(home, ".docker", "config.json") : null,
        }.OfType<string>().Where(path => path.Length > 0).ToList();
    }
}
