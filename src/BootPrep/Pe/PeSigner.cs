namespace BootPrep.Pe;

/// <summary>A certificate that signed a PE image, as the signature names it.</summary>
/// <param name="Subject">The signer certificate's subject, e.g. <c>CN=Debian Secure Boot Signer 2022 - linux</c>.</param>
/// <param name="Issuer">Its issuer.</param>
/// <param name="DigestAlgorithm">The hash the signature covers the image with (sha256, …).</param>
public sealed record PeSigner(string Subject, string Issuer, string DigestAlgorithm);
