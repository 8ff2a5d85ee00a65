using System.Text.Json;
using BootPrep.Errors;

namespace BootPrep.Tests.Errors;

public sealed class DiagnosticTests
{
    [Fact]
    public void The_json_holds_the_words_only()
    {
        var diagnostics = new[] { new Diagnostic(DiagnosticCode.TextNotUtf8, "section .cmdline: not valid UTF-8 at byte 1") };

        Assert.Equal("[\"section .cmdline: not valid UTF-8 at byte 1\"]", JsonSerializer.Serialize(diagnostics, DiagnosticJson.Default.DiagnosticArray));
    }

    [Fact]
    public void Within_names_the_part_and_keeps_the_code()
    {
        var diagnostic = Diagnostic.Of(new KernelFormatException("bzImage", "the setup header is cut short")).Within("section .linux");

        Assert.Equal((DiagnosticCode.FormatError, "section .linux: bzImage: the setup header is cut short"), (diagnostic.Code, diagnostic.ToString()));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Diagnostic[]))]
internal sealed partial class DiagnosticJson : System.Text.Json.Serialization.JsonSerializerContext;
