using System.Text.Json;
using System.Text.Json.Nodes;
using BootPrep.Binary;
using BootPrep.Json;
using BootPrep.KernelImages;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.KernelImages;

/// <summary>Each kind of kernel image writes the JSON one record with a nullable header per format wrote: its header under the format's name.</summary>
public sealed class KernelImageJsonTests
{
    [Fact]
    public void A_bzimage_writes_its_header_under_bzimage()
    {
        Assert.Equal(["format", "size", "sha256", "bzimage"], Keys(KernelBytes.BzImage("6.1")));
    }

    [Fact]
    public void An_arm64_image_writes_its_header_under_arm64()
    {
        Assert.Equal(["format", "size", "sha256", "arm64"], Keys(KernelBytes.Arm64Image()));
    }

    [Fact]
    public void A_zboot_image_writes_its_header_under_zboot()
    {
        Assert.Equal(["format", "size", "sha256", "zboot"], Keys(KernelBytes.Zboot("gzip")));
    }

    [Fact]
    public void An_unreadable_header_is_left_out()
    {
        Assert.Equal(["format", "size", "sha256"], Keys(KernelBytes.Zboot("gzip", payloadSize: 0x1000)));
    }

    [Fact]
    public void A_compressed_kernel_is_named_by_its_compression_alone()
    {
        var json = Json([0x1f, 0x8b, 8, 0]);

        Assert.Equal(("gzip", 3), (json["format"]!.GetValue<string>(), json.Count));
    }

    private static IEnumerable<string> Keys(byte[] bytes) => Json(bytes).Select(property => property.Key);

    private static JsonObject Json(byte[] bytes)
    {
        var image = KernelImageReader.Describe(FileRange.Of(new MemoryStream(bytes)), []);
        return JsonNode.Parse(JsonSerializer.Serialize(image, BootPrepJsonContext.Default.KernelImage))!.AsObject();
    }
}
