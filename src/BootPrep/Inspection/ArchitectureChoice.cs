using System.Text.Json.Serialization;
using BootPrep.Architectures;
using BootPrep.Hosts;
using BootPrep.RootFs;

namespace BootPrep.Inspection;

/// <summary>The architecture kargs.d's <c>match-architectures</c> is matched against, and where it came from.</summary>
/// <param name="Name">Its Rust name, as kargs.d files spell it.</param>
/// <param name="From">Who chose it.</param>
public sealed record ArchitectureChoice(string Name, ArchitectureSource From)
{
    /// <summary>
    /// <paramref name="option"/> when given; else the architecture the image's config declares; else
    /// <paramref name="host"/>'s, which is what bootc uses (it runs on the host that boots the image).
    /// </summary>
    public static ArchitectureChoice For(CpuArchitecture? option, IImageRoot root, HostEnvironment host) => (option, root.Architecture) switch
    {
        ({ } given, _) => new(given.Rust, ArchitectureSource.Option),
        (null, { } image) => new(image.Rust, ArchitectureSource.Image),
        _ => new(host.Architecture.Rust, ArchitectureSource.Host),
    };
}

/// <summary>Who chose the architecture.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ArchitectureSource>))]
public enum ArchitectureSource
{
    /// <summary>The <c>--arch</c> option.</summary>
    [JsonStringEnumMemberName("option")]
    Option,

    /// <summary>The image config's <c>architecture</c>.</summary>
    [JsonStringEnumMemberName("image")]
    Image,

    /// <summary>The host bootprep runs on (a directory root has no config).</summary>
    [JsonStringEnumMemberName("host")]
    Host,
}
