using System.Globalization;
using BootPrep.Errors;

namespace BootPrep.Sources;

/// <summary>
/// Where a zstd:chunked layer keeps its table of contents, as the layer's descriptor states it (containers/storage
/// pkg/chunked): the bytes at <paramref name="Offset"/> of the blob, <paramref name="Length"/> long, are one zstd frame
/// of <paramref name="UncompressedLength"/> bytes of JSON whose compressed bytes hash to <paramref name="Checksum"/>.
/// The manifest's digest was checked, so the checksum is trusted; through it the table, and through the table each file.
/// </summary>
/// <param name="Checksum">The digest of the compressed table (annotation <c>io.containers.zstd-chunked.manifest-checksum</c>).</param>
/// <param name="Offset">Where the compressed table starts in the blob.</param>
/// <param name="Length">The compressed table's length.</param>
/// <param name="UncompressedLength">The JSON's length.</param>
public sealed record ZstdChunkedToc(Digest Checksum, long Offset, long Length, long UncompressedLength) : TocLocation(Checksum)
{
    /// <summary>The annotation holding the checksum of the compressed table.</summary>
    public const string ChecksumAnnotation = "io.containers.zstd-chunked.manifest-checksum";

    /// <summary>The annotation holding <c>offset:length:uncompressedLength:type</c>.</summary>
    public const string PositionAnnotation = "io.containers.zstd-chunked.manifest-position";

    // pkg/chunked/internal: ManifestTypeCRFS = 1, the only table containers/storage writes.
    private const string ManifestTypeCrfs = "1";

    /// <summary>The table a layer's annotations locate, or null when they locate none; <paramref name="where"/> names the layer in errors.</summary>
    public static ZstdChunkedToc? Read(IReadOnlyDictionary<string, string>? annotations, string where)
    {
        if (annotations is null || !annotations.TryGetValue(PositionAnnotation, out var position))
        {
            return null;
        }

        var checksum = annotations.TryGetValue(ChecksumAnnotation, out var stated)
            ? Digest.Parse(stated, $"{where} ({ChecksumAnnotation})")
            : throw new BootPrepException(BootPrepErrorKind.InvalidImage, where, $"{PositionAnnotation} is set but {ChecksumAnnotation} is not, so the table of contents cannot be checked");
        var fields = position.Split(':');
        if (fields is [var offset, var length, var uncompressed, ManifestTypeCrfs]
            && Parse(offset) is { } start && Parse(length) is > 0 and var size && Parse(uncompressed) is > 0 and var plain)
        {
            return new ZstdChunkedToc(checksum, start, size, plain);
        }

        throw new BootPrepException(BootPrepErrorKind.InvalidImage, where, $"{PositionAnnotation} '{position}' is not OFFSET:LENGTH:UNCOMPRESSED-LENGTH:1");
    }

    private static long? Parse(string field) =>
        long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
