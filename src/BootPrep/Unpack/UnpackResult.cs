namespace BootPrep.Unpack;

/// <summary>What an unpack wrote.</summary>
/// <param name="SkippedDevices">Device nodes left out because the process may not make them or was not asked to.</param>
public sealed record UnpackResult(long SkippedDevices);
