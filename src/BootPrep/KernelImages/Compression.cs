namespace BootPrep.KernelImages;

/// <summary>Names the compression of a kernel, payload or initramfs from its first bytes, as the kernel's decompressors recognise them.</summary>
public static class Compression
{
    /// <summary>Enough bytes for every magic below.</summary>
    public const int MagicLength = 6;

    /// <summary>The name for a plain (uncompressed) cpio archive.</summary>
    public const string None = "none";

    /// <summary>The name when no known magic matches.</summary>
    public const string Unknown = "unknown";

    /// <summary>gzip, zstd, xz, lz4, bzip2, lzma or lzo; <see cref="None"/> for a plain cpio; null when nothing matches.</summary>
    public static string? Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x1f, 0x8b, ..] => "gzip",
        [0x28, 0xb5, 0x2f, 0xfd, ..] => "zstd",
        [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, ..] => "xz",
        [0x04, 0x22, 0x4d, 0x18, ..] or [0x02, 0x21, 0x4c, 0x18, ..] => "lz4",
        [0x42, 0x5a, 0x68, ..] => "bzip2",
        [0x5d, 0x00, 0x00, ..] => "lzma",
        [0x89, 0x4c, 0x5a, 0x4f, ..] => "lzo",
        _ when head.StartsWith("07070"u8) && head.Length >= 6 && head[5] is (byte)'1' or (byte)'2' or (byte)'7' => None,
        _ => null,
    };
}
