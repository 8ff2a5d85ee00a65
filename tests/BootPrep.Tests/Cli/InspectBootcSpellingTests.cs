using System.Text.Json;
using BootPrep.Tests.Support;
using Snapshooter.Xunit;

namespace BootPrep.Tests.Cli;

/// <summary>inspect as bootc's container inspect is spelled (--rootfs, --format humanreadable|yaml), and the architecture kargs.d is matched against.</summary>
public sealed class InspectBootcSpellingTests : IDisposable
{
    private const string KargsD = "usr/lib/bootc/kargs.d";

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Rootfs_reads_a_directory_as_the_positional_source_does()
    {
        var root = Fixtures.RootFs("vmlinuz");

        Assert.Equal(CliRun.Of("inspect", root, "--json"), CliRun.Of("inspect", "--rootfs", root, "--json"));
    }

    [Fact]
    public void Rootfs_reads_the_directory_itself_even_when_it_holds_an_oci_layout()
    {
        var layout = new OciImageBuilder().Layer(l => l.File("usr/lib/modules/6.1/vmlinuz")).WriteLayout(Path.Combine(_tree.Root, "layout"));
        Directory.CreateDirectory(Path.Combine(layout, "usr/lib/modules/9.9"));
        File.WriteAllText(Path.Combine(layout, "usr/lib/modules/9.9/vmlinuz"), "k");

        Assert.Equal("9.9", Version(CliRun.Of("inspect", "--rootfs", layout, "--json")));
        Assert.Equal("6.1", Version(CliRun.Of("inspect", layout, "--json")));
    }

    [Fact]
    public void Format_humanreadable_is_the_human_output()
    {
        var root = Fixtures.RootFs("vmlinuz");

        Assert.Equal(CliRun.Of("inspect", root), CliRun.Of("inspect", root, "--format", "humanreadable"));
    }

    [Fact]
    public void Format_yaml_matches_its_snapshot()
    {
        var run = CliRun.Of("inspect", Fixtures.RootFs("vmlinuz"), "--format", "yaml", "--arch", "x86_64");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Snapshot.Match(run.Output);
    }

    [Fact]
    public void Yaml_quotes_strings_a_reader_would_take_for_other_types()
    {
        _tree.File($"{KargsD}/a.toml", "kargs = [\"true\", \"1.5\", \"null\", \"no\", \"~\", \"plain=1\"]");

        var run = CliRun.Of("inspect", _tree.Root, "--format", "yaml");

        Assert.Contains("kargs:\n- \"true\"\n- \"1.5\"\n- \"null\"\n- \"no\"\n- \"~\"\n- plain=1\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("kernel: null\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_matched_against_the_host_architecture()
    {
        _tree.File($"{KargsD}/a.toml", "kargs = [\"arm\"]\nmatch-architectures = [\"aarch64\"]");

        var report = Json(CliRun.On(TestHosts.Tree("/", "arm64"), "inspect", _tree.Root, "--json"));

        Assert.Equal(["arm"], report.GetProperty("kargs").EnumerateArray().Select(karg => karg.GetString()));
        Assert.Equal("aarch64", report.GetProperty("architecture").GetProperty("name").GetString());
        Assert.Equal("host", report.GetProperty("architecture").GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("amd64", "x86_64")]
    [InlineData("x86_64", "x86_64")]
    [InlineData("arm64", "aarch64")]
    [InlineData("aarch64", "aarch64")]
    [InlineData("ppc64le", "powerpc64")]
    public void Arch_takes_any_name_and_matches_with_the_rust_name(string given, string rust)
    {
        _tree.File($"{KargsD}/a.toml", $"kargs = [\"only-{rust}\"]\nmatch-architectures = [\"{rust}\"]");

        var report = Json(CliRun.Of("inspect", _tree.Root, "--json", "--arch", given));

        Assert.Equal(rust, report.GetProperty("architecture").GetProperty("name").GetString());
        Assert.Equal("option", report.GetProperty("architecture").GetProperty("from").GetString());
        Assert.Equal($"only-{rust}", report.GetProperty("kargs")[0].GetString());
    }

    [Fact]
    public void An_image_is_matched_against_its_config_architecture_not_the_host()
    {
        var layout = new OciImageBuilder()
            .Layer(l => l.File($"{KargsD}/10-x86.toml", "kargs = [\"x86\"]\nmatch-architectures = [\"x86_64\"]")
                .File($"{KargsD}/20-arm.toml", "kargs = [\"arm\"]\nmatch-architectures = [\"aarch64\"]"))
            .WriteLayout(Path.Combine(_tree.Root, "layout"), architecture: "arm64");

        var report = Json(CliRun.Of("inspect", $"oci:{layout}", "--json"));

        Assert.Equal(["arm"], report.GetProperty("kargs").EnumerateArray().Select(karg => karg.GetString()));
        Assert.Equal("aarch64", report.GetProperty("architecture").GetProperty("name").GetString());
        Assert.Equal("image", report.GetProperty("architecture").GetProperty("from").GetString());
    }

    [Fact]
    public void Arch_overrides_the_image_config()
    {
        var layout = new OciImageBuilder()
            .Layer(l => l.File($"{KargsD}/10-x86.toml", "kargs = [\"x86\"]\nmatch-architectures = [\"x86_64\"]"))
            .WriteLayout(Path.Combine(_tree.Root, "layout"), architecture: "arm64");

        var report = Json(CliRun.Of("inspect", $"oci:{layout}", "--json", "--arch", "x86_64"));

        Assert.Equal(["x86"], report.GetProperty("kargs").EnumerateArray().Select(karg => karg.GetString()));
    }

    private static JsonElement Json(CliRun run)
    {
        Assert.Equal(0, run.ExitCode);
        return JsonDocument.Parse(run.Output).RootElement;
    }

    private static string? Version(CliRun run) => Json(run).GetProperty("kernel").GetProperty("version").GetString();
}
