using System.Text.Json.Serialization;
using BootPrep.Pe;

namespace BootPrep.KernelImages;

public abstract partial record KernelImage
{
    /// <summary>An uncompressed arm64 <c>Image</c> and its header.</summary>
    /// <param name="Size">Its size in bytes.</param>
    /// <param name="Sha256">The sha256 of its bytes.</param>
    /// <param name="Signature">The Authenticode signature, for an EFI-stub kernel.</param>
    /// <param name="Header">The 64-byte Image header.</param>
    public sealed record Arm64Image(long Size, string Sha256, PeSignature? Signature, [property: JsonPropertyName("arm64")] Arm64ImageHeader Header)
        : KernelImage(FormatName, Size, Sha256, Signature)
    {
        /// <summary>The format's name.</summary>
        public const string FormatName = "arm64-image";
    }
}
