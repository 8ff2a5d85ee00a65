using System.Text.Json;
using BootPrep.Images;
using BootPrep.Inspection;
using BootPrep.Json;
using BootPrep.RootFs;
using BootPrep.Sources;

namespace BootPrep.Tests.Support;

/// <summary>Inspects sources and renders the reports as the JSON the CLI prints, for comparing two ways of reading an image.</summary>
internal static class Reports
{
    public static string Of(IImageRoot root) =>
        JsonSerializer.Serialize(ImageInspector.Inspect(root, TestArchitecture.X86_64), BootPrepJsonContext.Output.InspectReport);

    public static string Of(string source, Platform? platform = null)
    {
        using var root = ImageRoots.Open(source, platform, TestHosts.X86_64);
        return Of(root);
    }
}
