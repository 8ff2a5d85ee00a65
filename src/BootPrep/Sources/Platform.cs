using BootPrep.Architectures;
using BootPrep.Errors;

namespace BootPrep.Sources;

/// <summary>An image platform as OCI names it (<c>linux/amd64</c>, <c>linux/arm64/v8</c>).</summary>
public sealed record Platform(string Os, string Architecture, string? Variant)
{
    /// <summary>The Linux platform of <paramref name="architecture"/>.</summary>
    public static Platform Of(CpuArchitecture architecture) => new("linux", architecture.Go, null);

    /// <summary>Parses <c>os/arch[/variant]</c>, accepting kernel names for the architecture (x86_64, aarch64).</summary>
    public static Platform Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrEmpty))
        {
            throw new BootPrepException(BootPrepErrorKind.ImageNotFound, text, "a platform is os/arch[/variant], for example linux/amd64 or linux/arm64/v8");
        }

        var architecture = parts[1] == "x86-64" ? "amd64" : CpuArchitecture.Parse(parts[1]).Go;
        return new Platform(parts[0], architecture, parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>True when an image of <paramref name="other"/> runs here: same os and architecture, and the variant if this one names it.</summary>
    public bool Matches(OciPlatformView other) =>
        other.Os == Os && other.Architecture == Architecture && (Variant is null || Normalize(other.Variant, other.Architecture) == Normalize(Variant, Architecture));

    /// <inheritdoc/>
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    private static string? Normalize(string? variant, string architecture) => architecture == "arm64" && variant is null ? "v8" : variant;
}

/// <summary>The os, architecture and variant of a manifest or config, as read from the image.</summary>
public readonly record struct OciPlatformView(string? Os, string? Architecture, string? Variant)
{
    /// <inheritdoc/>
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
