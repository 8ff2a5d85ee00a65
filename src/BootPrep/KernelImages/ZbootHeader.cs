using System.Buffers.Binary;
using System.Text;
using BootPrep.Binary;
using BootPrep.Errors;

namespace BootPrep.KernelImages;

/// <summary>
/// The header of an EFI zboot image (drivers/firmware/efi/libstub/zboot-header.S): a PE executable that carries the
/// compressed kernel as a payload. kexec needs the payload decompressed.
/// </summary>
/// <param name="PayloadOffset">Where the compressed kernel starts in the file.</param>
/// <param name="PayloadSize">Its size in bytes.</param>
/// <param name="Compression">The compression the header names: gzip, zstd, lzma, xz, lz4, lzo, bzip2.</param>
public sealed record ZbootHeader(uint PayloadOffset, uint PayloadSize, string Compression)
{
    /// <summary>The format name in errors.</summary>
    public const string Format = "zboot";

    private const int MagicOffset = 4;
    private const int PayloadOffsetOffset = 8;
    private const int PayloadSizeOffset = 12;
    private const int CompressionOffset = 24;
    private const int CompressionLength = 32;

    /// <summary>The bytes of the header, from the start of the file.</summary>
    public const int HeaderSize = CompressionOffset + CompressionLength;

    /// <summary>True when <paramref name="header"/> (<see cref="HeaderSize"/> bytes) starts with "MZ" and carries "zimg" at offset 4.</summary>
    public static bool Matches(ReadOnlySpan<byte> header) =>
        header.StartsWith("MZ"u8) && header[MagicOffset..].StartsWith("zimg"u8);

    /// <summary>
    /// Reads the <paramref name="header"/> of <paramref name="file"/> (<see cref="HeaderSize"/> bytes, zero past the end
    /// of the file); throws <see cref="KernelFormatException"/> when it is cut short, the payload lies outside the file
    /// or the compression is unnamed.
    /// </summary>
    public static ZbootHeader Read(ReadOnlySpan<byte> header, FileRange file)
    {
        if (file.Length < HeaderSize)
        {
            throw new KernelFormatException(Format, $"the header is cut short: the file has {file.Length} bytes");
        }

        var offset = BinaryPrimitives.ReadUInt32LittleEndian(header[PayloadOffsetOffset..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(header[PayloadSizeOffset..]);
        if (!file.Contains(offset, size))
        {
            throw new KernelFormatException(Format, $"the payload (0x{offset:x}, {size} bytes) runs past the end of the file ({file.Length} bytes)");
        }

        var name = header.Slice(CompressionOffset, CompressionLength);
        var end = name.IndexOf((byte)0);
        name = name[..(end < 0 ? name.Length : end)];
        if (name.IsEmpty || !Ascii.IsValid(name) || name.ContainsAnyExceptInRange((byte)0x21, (byte)0x7e))
        {
            throw new KernelFormatException(Format, $"the compression type \"{Utf8Text.Escape(name)}\" is not a name");
        }

        return new ZbootHeader(offset, size, Encoding.ASCII.GetString(name));
    }
}
