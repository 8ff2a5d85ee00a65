using BootPrep.Hosts;

namespace BootPrep.Unpack;

/// <summary>How <see cref="ImageUnpacker"/> writes a root.</summary>
/// <param name="Host">The host, whose /proc tells which earlier unpacks are gone (their leftovers are removed).</param>
/// <param name="Devices">Make device nodes (only possible as root); they are skipped otherwise.</param>
public sealed record UnpackOptions(HostEnvironment Host, bool Devices = false);
