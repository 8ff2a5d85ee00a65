using BootPrep.Bootc;

namespace BootPrep.Kargs;

/// <summary>The kernel arguments of an image's kargs.d, and what in it bootc would stop on.</summary>
/// <param name="Kargs">The combined, deduplicated arguments of every file bootc would read without error, in its order.</param>
/// <param name="Refusals">Each problem bootc would stop on, in the order it would meet them; empty when it reads them all.</param>
public sealed record KargsResult(IReadOnlyList<string> Kargs, IReadOnlyList<BootcRefusal> Refusals);
