using BootPrep.Bootc;
using BootPrep.Errors;

namespace BootPrep.Detection;

/// <summary>What kernel detection found: the kernel (or none), every place it considered in its order, and what bootc would stop on.</summary>
/// <param name="Kernel">The kernel bootc would choose; null when there is none, or when bootc cannot choose (two module directories).</param>
/// <param name="Candidates">Every UKI and module directory looked at.</param>
/// <param name="Refusals">The errors bootc's <c>find_kernel</c> would end with, in its order; empty when it would not fail.</param>
public sealed record KernelDetection(DetectedKernel? Kernel, IReadOnlyList<KernelCandidate> Candidates, IReadOnlyList<BootcRefusal> Refusals)
{
    /// <summary>The kernel, or null when there is none; throws when there are several and no choice can be made.</summary>
    public DetectedKernel? ChosenKernel() =>
        Refusals.FirstOrDefault(refusal => refusal.Code == BootcRefusalCode.MultipleKernels) is { } ambiguous
            ? throw new BootPrepException(BootPrepErrorKind.AmbiguousKernel, ambiguous.Path.ToString(), ambiguous.Message)
            : Kernel;
}
