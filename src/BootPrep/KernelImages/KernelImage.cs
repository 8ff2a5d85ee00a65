using System.Text.Json.Serialization;
using BootPrep.Pe;

namespace BootPrep.KernelImages;

/// <summary>What a Linux kernel image is: a vmlinuz file or the <c>.linux</c> section of a UKI.</summary>
/// <param name="Format">bzimage, arm64-image, arm64-zboot, a compression name (gzip, zstd, …) or unknown.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The sha256 of its bytes, as lower-case hex.</param>
/// <param name="Bzimage">The x86 setup header, for a bzImage.</param>
/// <param name="Arm64">The arm64 Image header, for an arm64 Image.</param>
/// <param name="Zboot">The zboot header, for an arm64 EFI zboot image.</param>
/// <param name="Signature">The Authenticode signature, for an image that is also a PE/EFI executable.</param>
public sealed record KernelImage(
    string Format,
    long Size,
    string Sha256,
    BzImageHeader? Bzimage,
    Arm64ImageHeader? Arm64,
    ZbootHeader? Zboot,
    PeSignature? Signature)
{
    /// <summary>The release the image names in its own header (bzImage only), e.g. 6.1.0-56-amd64.</summary>
    [JsonIgnore]
    public string? Release => Bzimage?.Release;
}
