using System.Text.Json.Serialization;
using BootPrep.Pe;

namespace BootPrep.KernelImages;

public abstract partial record KernelImage
{
    /// <summary>A kernel that is one compressed stream (a bare gzip, zstd, xz, … vmlinuz); its format is the compression's name.</summary>
    /// <param name="Compression">The compression, as <see cref="KernelImages.Compression.Detect"/> names it.</param>
    /// <param name="Size">Its size in bytes.</param>
    /// <param name="Sha256">The sha256 of its bytes.</param>
    /// <param name="Signature">The Authenticode signature, when it is also a PE/EFI executable.</param>
    public sealed record Compressed([property: JsonIgnore] string Compression, long Size, string Sha256, PeSignature? Signature)
        : KernelImage(Compression, Size, Sha256, Signature);
}
