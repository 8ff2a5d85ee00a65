using System.Text.Json.Serialization;
using BootPrep.Pe;

namespace BootPrep.KernelImages;

public abstract partial record KernelImage
{
    /// <summary>An arm64 EFI zboot image: a PE executable carrying the compressed kernel as its payload.</summary>
    /// <param name="Size">Its size in bytes.</param>
    /// <param name="Sha256">The sha256 of its bytes.</param>
    /// <param name="Signature">The Authenticode signature.</param>
    /// <param name="Header">The zboot header: where the payload is and how it is compressed.</param>
    public sealed record Zboot(long Size, string Sha256, PeSignature? Signature, [property: JsonPropertyName("zboot")] ZbootHeader Header)
        : KernelImage(FormatName, Size, Sha256, Signature)
    {
        /// <summary>The format's name.</summary>
        public const string FormatName = "arm64-zboot";
    }
}
