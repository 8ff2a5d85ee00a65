namespace BootPrep.Pe;

/// <summary>One entry of a PE section table, as the file states it (nothing here is checked against the file).</summary>
/// <param name="Index">Its place in the section table, from 0.</param>
/// <param name="Name">The 8-byte name up to its first NUL; bytes that are not UTF-8 appear as \xNN.</param>
/// <param name="VirtualSize">The size in memory.</param>
/// <param name="VirtualAddress">Where it is loaded, relative to the image base.</param>
/// <param name="SizeOfRawData">The size of its data in the file.</param>
/// <param name="PointerToRawData">Where its data starts in the file.</param>
public sealed record PeSection(int Index, string Name, uint VirtualSize, uint VirtualAddress, uint SizeOfRawData, uint PointerToRawData)
{
    /// <summary>
    /// The bytes a loader takes from the file: <c>min(VirtualSize, SizeOfRawData)</c>, as systemd-stub and
    /// kexec-tools read a UKI section (the raw size is padded to the file alignment).
    /// </summary>
    public long DataSize => Math.Min(VirtualSize, SizeOfRawData);
}
