using System.Text.Json.Serialization;
using BootPrep.Bootc;
using BootPrep.Detection;

namespace BootPrep.Inspection;

/// <summary>
/// What <c>bootprep inspect</c> reports. Its core is <c>bootc container inspect</c>'s (<c>kargs</c>, and
/// <c>kernel</c> with <c>version</c> and <c>unified</c>); the rest explains the choice and says whether bootc would
/// stop on the image.
/// </summary>
/// <param name="Kargs">The kernel arguments from usr/lib/bootc/kargs.d that apply to the architecture, deduplicated as bootc does.</param>
/// <param name="Kernel">The detected kernel, or null (written as null) when the image has none.</param>
/// <param name="Architecture">The architecture kargs.d files were matched against.</param>
/// <param name="Bootc">Whether bootc would accept the image, and why not.</param>
/// <param name="Candidates">Every UKI and module directory detection considered, in its order.</param>
public sealed record InspectReport(
    IReadOnlyList<string> Kargs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] KernelReport? Kernel,
    ArchitectureChoice Architecture,
    BootcVerdict Bootc,
    IReadOnlyList<KernelCandidate> Candidates);
