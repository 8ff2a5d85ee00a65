using BootPrep.Pe;

namespace BootPrep.KernelImages;

public abstract partial record KernelImage
{
    /// <summary>An image whose format its magic names but whose header cannot be read; the reason is among the errors.</summary>
    /// <param name="Format">The format the magic names.</param>
    /// <param name="Size">Its size in bytes.</param>
    /// <param name="Sha256">The sha256 of its bytes.</param>
    /// <param name="Signature">The Authenticode signature, when it is also a PE/EFI executable.</param>
    public sealed record Unreadable(string Format, long Size, string Sha256, PeSignature? Signature)
        : KernelImage(Format, Size, Sha256, Signature);
}
