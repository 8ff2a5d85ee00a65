using System.Buffers.Binary;

namespace BootPrep.KernelImages;

/// <summary>The 64-byte header of an arm64 kernel <c>Image</c> (Documentation/arch/arm64/booting.rst).</summary>
/// <param name="TextOffset">The image load offset from a 2 MiB aligned base.</param>
/// <param name="ImageSize">The effective image size the kernel needs in memory.</param>
/// <param name="BigEndian">True when the kernel is big-endian (flags bit 0).</param>
/// <param name="PageSize">The kernel page size ("4k", "16k", "64k"), or null when unspecified.</param>
/// <param name="EfiStub">True when the image is also a PE/EFI executable.</param>
public sealed record Arm64ImageHeader(ulong TextOffset, ulong ImageSize, bool BigEndian, string? PageSize, bool EfiStub)
{
    private const int TextOffsetOffset = 8;
    private const int ImageSizeOffset = 16;
    private const int FlagsOffset = 24;
    private const int MagicOffset = 0x38;

    /// <summary>The bytes of the header, from the start of the file.</summary>
    public const int HeaderSize = 64;

    /// <summary>True when <paramref name="header"/> (<see cref="HeaderSize"/> bytes) carries the "ARM\x64" magic at 0x38.</summary>
    public static bool Matches(ReadOnlySpan<byte> header) => header[MagicOffset..].StartsWith("ARM\x64"u8);

    /// <summary>
    /// Reads a <paramref name="header"/> that <see cref="Matches"/>: its magic ends the 64 bytes, so a file that has
    /// the magic has the whole header.
    /// </summary>
    public static Arm64ImageHeader Read(ReadOnlySpan<byte> header, bool efiStub)
    {
        var flags = BinaryPrimitives.ReadUInt64LittleEndian(header[FlagsOffset..]);
        var pageSize = ((flags >> 1) & 3) switch
        {
            1 => "4k",
            2 => "16k",
            3 => "64k",
            _ => null,
        };
        return new Arm64ImageHeader(
            BinaryPrimitives.ReadUInt64LittleEndian(header[TextOffsetOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(header[ImageSizeOffset..]),
            (flags & 1) != 0,
            pageSize,
            efiStub);
    }
}
