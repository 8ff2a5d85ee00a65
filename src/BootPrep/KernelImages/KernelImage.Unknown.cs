using BootPrep.Pe;

namespace BootPrep.KernelImages;

public abstract partial record KernelImage
{
    /// <summary>An image no format of the table recognises.</summary>
    /// <param name="Size">Its size in bytes.</param>
    /// <param name="Sha256">The sha256 of its bytes.</param>
    /// <param name="Signature">The Authenticode signature, when it is also a PE/EFI executable.</param>
    public sealed record Unknown(long Size, string Sha256, PeSignature? Signature)
        : KernelImage(Compression.Unknown, Size, Sha256, Signature);
}
