using System.Text;
using System.Text.Json;
using BootPrep.Errors;
using BootPrep.Native;

namespace BootPrep.Sources.Registry;

/// <summary>
/// A user name and password for a registry from containers-auth.json(5) files (and Docker's config.json, the same
/// shape): <c>{"auths": {"HOST[:PORT][/REPOSITORY]": {"auth": base64("user:password")}}}</c>. The most specific key
/// wins (a repository path before the registry), and the first file that has one.
/// </summary>
internal static class RegistryCredentials
{
    private const int MaxAuthFileSize = 1 << 20;

    public static (string User, string Password)? Find(IReadOnlyList<string> files, RegistryReference reference)
    {
        foreach (var file in files.Where(File.Exists))
        {
            if (Find(file, reference) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static (string User, string Password)? Find(string file, RegistryReference reference)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(HostFiles.ReadAllBytes(file, MaxAuthFileSize, "the credentials file"));
        }
        catch (JsonException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.Unreadable, file, JsonErrors.Describe(ex));
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var key in Keys(reference))
            {
                if (auths.TryGetProperty(key, out var entry) && entry.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.String)
                {
                    return Decode(auth.GetString()!, file, key);
                }
            }

            return null;
        }
    }

    /// <summary>The keys to look up, most specific first: HOST/A/B, HOST/A, HOST (and Docker's index URL for docker.io).</summary>
    private static IEnumerable<string> Keys(RegistryReference reference)
    {
        var parts = reference.Repository.Split('/');
        for (var count = parts.Length; count > 0; count--)
        {
            yield return $"{reference.Registry}/{string.Join('/', parts[..count])}";
        }

        yield return reference.Registry;
        yield return $"https://{reference.Registry}";
        if (reference.Registry == "docker.io")
        {
            yield return "https://index.docker.io/v1/";
        }
    }

    private static (string, string) Decode(string auth, string file, string key)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            return text.IndexOf(':') is var colon and > 0
                ? (text[..colon], text[(colon + 1)..])
                : throw new BootPrepException(BootPrepErrorKind.Unreadable, file, $"the auth of \"{key}\" is not base64 of USER:PASSWORD");
        }
        catch (FormatException)
        {
            throw new BootPrepException(BootPrepErrorKind.Unreadable, file, $"the auth of \"{key}\" is not base64");
        }
    }
}
