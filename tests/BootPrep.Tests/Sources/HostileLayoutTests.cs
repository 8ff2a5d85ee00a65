using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>Layouts made to hurt: every one gets a one-line error in bounded time, never a hang or a blow-up.</summary>
public sealed class HostileLayoutTests : IDisposable
{
    private const string IndexMediaType = "application/vnd.oci.image.index.v1+json";

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Nested_indexes_are_followed_a_few_levels()
    {
        var layout = Layout();
        Nest(layout, levels: 3);

        var run = CliRun.Of("inspect", $"oci:{layout}", "--json");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_nested_index_whose_one_image_names_no_platform_is_followed()
    {
        var layout = Layout();
        Nest(layout, levels: 1);
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        var nestedDigest = index["manifests"]![0]!["digest"]!.GetValue<string>()["sha256:".Length..];
        var nested = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "blobs", "sha256", nestedDigest)))!;
        nested["manifests"]![0]!.AsObject().Remove("platform");
        var bytes = Encoding.UTF8.GetBytes(nested.ToJsonString());
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllBytes(Path.Combine(layout, "blobs", "sha256", digest), bytes);
        index["manifests"]![0]!["digest"] = $"sha256:{digest}";
        index["manifests"]![0]!["size"] = bytes.Length;
        File.WriteAllText(Path.Combine(layout, "index.json"), index.ToJsonString());

        var run = CliRun.Of("inspect", $"oci:{layout}", "--platform", "linux/amd64", "--json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
    }

    [Fact]
    public void Indexes_nested_deeper_than_any_real_image_are_refused()
    {
        var layout = Layout();
        Nest(layout, levels: 2000);

        var run = CliRun.Of("inspect", $"oci:{layout}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("image indexes nested more than 8 deep", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_descriptor_that_claims_an_index_but_holds_a_manifest_is_named()
    {
        var layout = Layout();
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        index["manifests"]![0]!["mediaType"] = IndexMediaType;
        File.WriteAllText(Path.Combine(layout, "index.json"), index.ToJsonString());

        var run = CliRun.Of("inspect", $"oci:{layout}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("its descriptor says image index, but it lists no manifests (is it a manifest?)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hint_for_a_layout_of_several_images_names_a_source_that_works()
    {
        var layout = Path.Combine(_tree.Root, "multi");
        var writer = new LayoutWriter(layout);
        writer.AddManifest(new OciImageBuilder().Layer(l => l.File("usr/lib/modules/6.1/vmlinuz")), "amd64", "one", platform: false);
        writer.AddManifest(new OciImageBuilder().Layer(l => l.File("usr/lib/modules/6.2/vmlinuz")), "amd64", "two", platform: false);

        var hint = CliRun.Of("inspect", $"oci:{layout}");
        var named = CliRun.Of("inspect", $"oci:{layout}:two", "--json");

        Assert.Contains($"name one as oci:{layout}:REF", hint.Error, StringComparison.Ordinal);
        Assert.Equal(0, named.ExitCode);
    }

    [Fact]
    public void A_path_deeper_than_path_max_is_refused_quickly()
    {
        var deep = string.Join('/', Enumerable.Repeat("a", 10_000));
        var layout = new OciImageBuilder().Layer(l =>
        {
            for (var depth = 1000; depth <= 10_000; depth += 1000)
            {
                l.Dir(deep[..((depth * 2) - 1)]);
            }
        }).WriteLayout(Path.Combine(_tree.Root, "deep"));

        var run = CliRun.Of("inspect", $"oci:{layout}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("a path of more than 4095 bytes (PATH_MAX)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("unpack")]
    public void Ten_thousand_nested_directories_end_in_one_line(string command)
    {
        var layout = new OciImageBuilder().Layer(l =>
        {
            var path = "d";
            for (var depth = 0; depth < 10_000; depth++, path += "/d")
            {
                l.Dir(path);
            }
        }).WriteLayout(Path.Combine(_tree.Root, "nested"));
        string[] args = command == "inspect" ? ["inspect", $"oci:{layout}"] : ["unpack", "--quiet", $"oci:{layout}", Path.Combine(_tree.Root, "out")];

        var run = CliRun.Within(TimeSpan.FromSeconds(120), args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("(PATH_MAX)", run.Error, StringComparison.Ordinal);
        Assert.StartsWith($"bootprep: {layout}: ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_tree.Root, "out")));
    }

    [Theory]
    [InlineData(LayerCompression.Gzip, "corrupt")]
    [InlineData(LayerCompression.Gzip, "cut")]
    [InlineData(LayerCompression.Zstd, "corrupt")]
    [InlineData(LayerCompression.Zstd, "cut")]
    public void A_layer_that_does_not_decompress_is_one_line_naming_the_layer(LayerCompression compression, string damage)
    {
        var random = new Random(7);
        var content = new byte[256 * 1024];
        random.NextBytes(content.AsSpan(0, content.Length / 2));
        var layout = new OciImageBuilder().Layer(l => l.File("usr/lib/modules/6.1/vmlinuz", content), compression).WriteLayout(Path.Combine(_tree.Root, "damaged"));
        var blob = Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).MaxBy(file => new FileInfo(file).Length)!;
        var bytes = File.ReadAllBytes(blob);
        if (damage == "cut")
        {
            bytes = bytes[..(bytes.Length / 3)];
        }
        else
        {
            for (var i = bytes.Length / 3; i < (bytes.Length / 3) + 512; i++)
            {
                bytes[i] ^= 0x5a;
            }
        }

        File.WriteAllBytes(blob, bytes);

        string[][] commands = [["inspect", $"oci:{layout}"], ["unpack", "--quiet", $"oci:{layout}", Path.Combine(_tree.Root, "out")]];
        foreach (var args in commands)
        {
            var run = CliRun.Of(args);
            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith($"bootprep: {layout}: layer sha256:", run.Error, StringComparison.Ordinal);
            Assert.Equal(1, run.Error.Count(c => c == '\n'));
        }
    }

    private string Layout() =>
        new OciImageBuilder().Layer(l => l.File("usr/lib/modules/6.1/vmlinuz")).WriteLayout(Path.Combine(_tree.Root, "layout"));

    /// <summary>Wraps index.json's first descriptor in <paramref name="levels"/> image indexes, each a blob.</summary>
    private static void Nest(string layout, int levels)
    {
        var indexPath = Path.Combine(layout, "index.json");
        var descriptor = JsonNode.Parse(File.ReadAllText(indexPath))!["manifests"]![0]!.DeepClone();
        descriptor.AsObject().Remove("annotations");
        for (var i = 0; i < levels; i++)
        {
            descriptor["platform"] = new JsonObject { ["os"] = "linux", ["architecture"] = "amd64" };
            var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = IndexMediaType, ["manifests"] = new JsonArray(descriptor) }.ToJsonString());
            var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
            File.WriteAllBytes(Path.Combine(layout, "blobs", "sha256", digest), bytes);
            descriptor = new JsonObject { ["mediaType"] = IndexMediaType, ["digest"] = $"sha256:{digest}", ["size"] = bytes.Length };
        }

        File.WriteAllText(indexPath, new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(descriptor) }.ToJsonString());
    }
}
