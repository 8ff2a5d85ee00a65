using System.Text.Json;
using BootPrep.Detection;
using BootPrep.Files;
using BootPrep.Json;

namespace BootPrep.Tests.Detection;

public sealed class SkipReasonTests
{
    public static TheoryData<SkipReason> Reasons => new(Enum.GetValues<SkipReason>());

    [Theory]
    [MemberData(nameof(Reasons))]
    public void People_read_the_sentence_the_json_spells(SkipReason reason)
    {
        var candidate = new KernelCandidate("v", false, ImagePath.Parse("p"), false, reason);

        var json = JsonSerializer.Serialize(candidate, BootPrepJsonContext.Output.KernelCandidate);

        Assert.Contains($"\"skipped\": \"{reason.Text()}\"", json, StringComparison.Ordinal);
    }
}
