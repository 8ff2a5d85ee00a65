using System.Text.Json.Serialization;
using BootPrep.Pe;

namespace BootPrep.KernelImages;

/// <summary>
/// What a Linux kernel image is, a vmlinuz file or the <c>.linux</c> section of a UKI: a <see cref="BzImage"/>, an
/// <see cref="Arm64Image"/>, a <see cref="Zboot"/> image, a <see cref="Compressed"/> kernel, one whose header was
/// recognised but is <see cref="Unreadable"/>, or <see cref="Unknown"/>. The JSON writes each with its header under
/// the format's own name (<c>bzimage</c>, <c>arm64</c>, <c>zboot</c>).
/// </summary>
[JsonDerivedType(typeof(BzImage))]
[JsonDerivedType(typeof(Arm64Image))]
[JsonDerivedType(typeof(Zboot))]
[JsonDerivedType(typeof(Compressed))]
[JsonDerivedType(typeof(Unreadable))]
[JsonDerivedType(typeof(Unknown))]
public abstract partial record KernelImage
{
    private KernelImage(string format, long size, string sha256, PeSignature? signature)
    {
        Format = format;
        Size = size;
        Sha256 = sha256;
        Signature = signature;
    }

    /// <summary>bzimage, arm64-image, arm64-zboot, a compression name (gzip, zstd, …) or unknown.</summary>
    [JsonPropertyOrder(-3)]
    public string Format { get; }

    /// <summary>Its size in bytes.</summary>
    [JsonPropertyOrder(-2)]
    public long Size { get; }

    /// <summary>The sha256 of its bytes, as lower-case hex.</summary>
    [JsonPropertyOrder(-1)]
    public string Sha256 { get; }

    /// <summary>The Authenticode signature, for an image that is also a PE/EFI executable.</summary>
    [JsonPropertyOrder(1)]
    public PeSignature? Signature { get; }
}
