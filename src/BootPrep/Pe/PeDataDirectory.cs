namespace BootPrep.Pe;

/// <summary>One data directory of a PE optional header: where a table is and how long it is.</summary>
/// <param name="Address">Its address (a file offset for the certificate table, a relative virtual address otherwise).</param>
/// <param name="Size">Its size in bytes.</param>
public readonly record struct PeDataDirectory(uint Address, uint Size);
