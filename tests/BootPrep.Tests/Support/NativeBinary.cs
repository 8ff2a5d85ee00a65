using System.Text.RegularExpressions;

namespace BootPrep.Tests.Support;

/// <summary>bootprep published with NativeAOT (once per test run), and the shared libraries it loads.</summary>
internal static partial class NativeBinary
{
    private static readonly Lazy<string> s_path = new(Publish);

    /// <summary>The native binary.</summary>
    public static string Path => s_path.Value;

    /// <summary>What the binary loads: what ldd lists, and, when asked, OpenSSL, which .NET opens at run time (ldd cannot see it).</summary>
    public static IEnumerable<string> Libraries(bool withOpenSsl)
    {
        var openssl = withOpenSsl
            ? LdconfigPath().Matches(ExternalTool.Run("ldconfig", "-p"))
                .Select(match => match.Groups["path"].Value)
                .Where(path => path.EndsWith("/libssl.so.3", StringComparison.Ordinal) || path.EndsWith("/libcrypto.so.3", StringComparison.Ordinal))
                .Distinct()
                .ToList()
            : [];
        return new[] { Path }.Concat(openssl)
            .SelectMany(file => LddPath().Matches(ExternalTool.Run("ldd", file)).Select(match => match.Groups["path"].Value))
            .Concat(openssl)
            .Distinct();
    }

    private static string Publish()
    {
        var output = System.IO.Path.Combine(RunScratch.Directory, "publish");
        ExternalTool.Run("dotnet", "publish", System.IO.Path.Combine(Fixtures.RepositoryRoot, "src", "BootPrep.Cli"), "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "--nologo");
        return System.IO.Path.Combine(output, "bootprep");
    }

    [GeneratedRegex(@"=> (?<path>/\S+)|^\s*(?<path>/\S+) \(0x", RegexOptions.Multiline)]
    private static partial Regex LddPath();

    [GeneratedRegex(@"=> (?<path>/\S+)$", RegexOptions.Multiline)]
    private static partial Regex LdconfigPath();
}
