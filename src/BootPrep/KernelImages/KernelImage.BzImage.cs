using System.Text.Json.Serialization;
using BootPrep.Pe;

namespace BootPrep.KernelImages;

public abstract partial record KernelImage
{
    /// <summary>An x86 bzImage and its setup header.</summary>
    /// <param name="Size">Its size in bytes.</param>
    /// <param name="Sha256">The sha256 of its bytes.</param>
    /// <param name="Signature">The Authenticode signature, for an EFI-stub kernel.</param>
    /// <param name="Header">The setup header.</param>
    public sealed record BzImage(long Size, string Sha256, PeSignature? Signature, [property: JsonPropertyName("bzimage")] BzImageHeader Header)
        : KernelImage(FormatName, Size, Sha256, Signature)
    {
        /// <summary>The format's name.</summary>
        public const string FormatName = "bzimage";
    }
}
