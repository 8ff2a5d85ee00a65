namespace BootPrep.Unpack;

/// <summary>How <see cref="ImageUnpacker"/> writes a root.</summary>
/// <param name="Devices">Make device nodes (only possible as root); they are skipped otherwise.</param>
public sealed record UnpackOptions(bool Devices = false);
