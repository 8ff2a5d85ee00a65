using System.Text.Json;
using System.Text.Json.Nodes;
using BootPrep.Tests.Support;
using Json.Schema;

namespace BootPrep.Tests.Json;

/// <summary>docs/inspect.schema.json describes every JSON inspect prints: the snapshots and the real Debian kernels.</summary>
public sealed class InspectSchemaTests
{
    private static readonly JsonSchema s_schema = JsonSchema.FromFile(Path.Combine(Fixtures.RepositoryRoot, "docs", "inspect.schema.json"));

    public static TheoryData<string> JsonSnapshots => new(
        Directory.GetFiles(Path.Combine(Fixtures.RepositoryRoot, "tests", "BootPrep.Tests", "Cli", "__snapshots__"), "InspectCommandTests.Json_*.snap")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(JsonSnapshots))]
    public void Every_json_snapshot_follows_the_schema(string snapshot)
    {
        var text = File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "tests", "BootPrep.Tests", "Cli", "__snapshots__", snapshot));

        AssertValid(text);
    }

    [Fact]
    public void The_real_uki_and_vmlinuz_follow_the_schema()
    {
        using var tree = new TestTree();
        tree.File("boot/EFI/Linux/debian.efi", File.ReadAllBytes(DebianKernel.Uki))
            .File("boot/EFI/Linux/debian.efi.extra.d/quiet.addon.efi", File.ReadAllBytes(DebianKernel.Addon))
            .File($"usr/lib/modules/{DebianKernel.Release}/vmlinuz", File.ReadAllBytes(DebianKernel.Vmlinuz))
            .File($"usr/lib/modules/{DebianKernel.Release}/initramfs.img", File.ReadAllBytes(DebianKernel.Initrd));

        AssertValid(Reports.Of(Path.Combine(tree.Root)));
        Directory.Delete(Path.Combine(tree.Root, "boot"), recursive: true);
        AssertValid(Reports.Of(Path.Combine(tree.Root)));
    }

    [Fact]
    public void A_field_the_schema_does_not_know_fails()
    {
        var report = JsonNode.Parse(Reports.Of(Path.Combine(Fixtures.RootFs("vmlinuz"))))!;
        report["kernel"]!["surprise"] = 1;

        Assert.False(s_schema.Evaluate(JsonDocument.Parse(report.ToJsonString()).RootElement).IsValid);
    }

    private static void AssertValid(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = s_schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var failures = (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 }).SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"));
        Assert.True(result.IsValid, string.Join("\n", failures));
    }
}
