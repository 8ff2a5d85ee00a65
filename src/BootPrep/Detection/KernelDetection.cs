namespace BootPrep.Detection;

/// <summary>What kernel detection found: the kernel (or none) and every place it considered, in the order it did.</summary>
public sealed record KernelDetection(DetectedKernel? Kernel, IReadOnlyList<KernelCandidate> Candidates);
