using System.CommandLine;
using BootPrep.Errors;
using BootPrep.Sources;

namespace BootPrep.Cli.Commands;

/// <summary>The <c>--platform os/arch[/variant]</c> option, as podman and skopeo spell it.</summary>
internal static class PlatformOption
{
    /// <summary>Creates the option; its value is null when not given (the host's platform applies).</summary>
    public static Option<Platform?> Create() => new("--platform")
    {
        Description = "Choose this platform in a multi-platform image (default: the host's), e.g. linux/arm64.",
        HelpName = "os/arch[/variant]",
        CustomParser = result =>
        {
            try
            {
                return Platform.Parse(result.Tokens[0].Value);
            }
            catch (BootPrepException ex)
            {
                result.AddError($"--platform: {ex.Message}");
                return null;
            }
        },
    };
}
