using System.Text.Json.Serialization;
using BootPrep.Detection;

namespace BootPrep.Inspection;

/// <summary>
/// What <c>bootprep inspect</c> reports. Its core is <c>bootc container inspect</c>'s (<c>kargs</c>, and
/// <c>kernel</c> with <c>version</c> and <c>unified</c>); the rest explains the choice.
/// </summary>
/// <param name="Kargs">The kernel arguments from usr/lib/bootc/kargs.d that apply to the architecture.</param>
/// <param name="Kernel">The detected kernel, or null (written as null) when the image has none.</param>
/// <param name="Candidates">Every UKI and module directory detection considered, in its order.</param>
public sealed record InspectReport(
    IReadOnlyList<string> Kargs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] KernelReport? Kernel,
    IReadOnlyList<KernelCandidate> Candidates);
