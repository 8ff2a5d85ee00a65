using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using BootPrep.Errors;

namespace BootPrep.Layers.Chunked;

/// <summary>
/// The footer that ends an eStargz blob (stargz-snapshotter estargz.go, footerBytes): an empty gzip member of 51 bytes
/// whose extra field is one <c>SG</c> subfield holding the table of contents' offset as 16 hex digits, then <c>STARGZ</c>.
/// The legacy stargz footer (47 bytes, no subfield) is not read: such a layer is read whole.
/// </summary>
internal static class EstargzFooter
{
    /// <summary>The footer's length.</summary>
    public const int Size = 51;

    // RFC 1952 2.3: ID1 ID2 CM FLG MTIME(4) XFL OS, then XLEN and the extra field; 2.3.1.1: SI1 SI2 LEN data.
    private const int FlagsOffset = 3, ExtraLengthOffset = 10, SubfieldIdOffset = 12, SubfieldLengthOffset = 14, TocOffsetOffset = 16, MagicOffset = 32;
    private const int TocOffsetDigits = 16, ExtraLength = 26, SubfieldLength = 22;
    private const byte Deflate = 8, ExtraFlag = 0x04;

    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];

    private static ReadOnlySpan<byte> SubfieldId => "SG"u8;

    private static ReadOnlySpan<byte> Magic => "STARGZ"u8;

    /// <summary>Where the table of contents starts in the blob, as <paramref name="footer"/> says; <paramref name="what"/> names the layer.</summary>
    public static long TocOffset(ReadOnlySpan<byte> footer, string what)
    {
        if (footer.Length != Size || !footer.StartsWith(GzipMagic) || footer[2] != Deflate || footer[FlagsOffset] != ExtraFlag)
        {
            throw Invalid(what, "the blob's last 51 bytes are not a gzip member with only an extra field");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(footer[ExtraLengthOffset..]) != ExtraLength
            || !footer.Slice(SubfieldIdOffset, 2).SequenceEqual(SubfieldId)
            || BinaryPrimitives.ReadUInt16LittleEndian(footer[SubfieldLengthOffset..]) != SubfieldLength
            || !footer.Slice(MagicOffset, Magic.Length).SequenceEqual(Magic))
        {
            throw Invalid(what, "its extra field is not one 'SG' subfield of 16 hex digits and STARGZ");
        }

        if (!long.TryParse(footer.Slice(TocOffsetOffset, TocOffsetDigits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var offset) || offset < 0)
        {
            throw Invalid(what, $"'{System.Text.Encoding.ASCII.GetString(footer.Slice(TocOffsetOffset, TocOffsetDigits))}' is not the table of contents' offset in hex");
        }

        EnsureEmpty(footer, what);
        return offset;
    }

    private static void EnsureEmpty(ReadOnlySpan<byte> footer, string what)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(footer.ToArray(), writable: false), CompressionMode.Decompress);
            if (gzip.ReadByte() != -1)
            {
                throw Invalid(what, "its gzip member is not empty");
            }
        }
        catch (InvalidDataException ex)
        {
            throw Invalid(what, $"its gzip member is corrupt ({ex.Message.TrimEnd('.')})");
        }
    }

    private static BootPrepException Invalid(string what, string problem) => new(BootPrepErrorKind.InvalidImage, $"{what} (eStargz footer)", problem);
}
