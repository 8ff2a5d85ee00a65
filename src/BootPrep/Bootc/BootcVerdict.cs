using System.Text.Json.Serialization;

namespace BootPrep.Bootc;

/// <summary>
/// What bootc 1.16's <c>container inspect</c> would do with the image: print its report, or stop with an error.
/// bootc stops at the first reason; BootPrep lists every one it met, in bootc's order.
/// </summary>
/// <param name="Verdict">Whether bootc would accept the image.</param>
/// <param name="Reasons">Why it would refuse; the first is the error bootc prints. Empty when it accepts.</param>
public sealed record BootcVerdict(BootcDecision Verdict, IReadOnlyList<BootcRefusal> Reasons)
{
    /// <summary>The verdict for these reasons: refuse when there is any.</summary>
    public static BootcVerdict From(IReadOnlyList<BootcRefusal> reasons) =>
        new(reasons.Count == 0 ? BootcDecision.Accept : BootcDecision.Refuse, reasons);
}

/// <summary>bootc's answer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BootcDecision>))]
public enum BootcDecision
{
    /// <summary>bootc reads the image and reports the same kargs and kernel.</summary>
    [JsonStringEnumMemberName("accept")]
    Accept,

    /// <summary>bootc stops with an error.</summary>
    [JsonStringEnumMemberName("refuse")]
    Refuse,
}
