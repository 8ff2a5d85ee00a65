using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Pe;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Pe;

public sealed class PeSignatureTests
{
    [Fact]
    public void An_image_without_a_certificate_table_is_unsigned()
    {
        var signature = Read(new PeBuilder().Add(".linux", "k").Build());

        Assert.Equal(PeSignature.Unsigned, signature);
    }

    [Fact]
    public void Names_the_signer_and_never_claims_verification()
    {
        var signature = Read(new PeBuilder().Add(".linux", "k").Certificates(SignedData("CN=Test Signer")).Build());

        Assert.Equal((true, false), (signature.Signed, signature.Verified));
        var signer = Assert.Single(signature.Signers);
        Assert.Equal(("CN=Test Signer", "CN=Test Signer", "sha256"), (signer.Subject, signer.Issuer, signer.DigestAlgorithm));
    }

    [Fact]
    public void A_table_that_is_not_pkcs7_is_a_format_error()
    {
        var file = new PeBuilder().Add(".linux", "k").Certificates([0x30, 0x03, 0x02, 0x01, 0x01]).Build();

        var error = Assert.Throws<KernelFormatException>(() => Read(file));

        Assert.Equal("Authenticode", error.Format);
        Assert.Contains("not a well-formed PKCS#7 SignedData", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_past_the_end_of_the_file_is_a_format_error()
    {
        var file = new PeBuilder().Add(".linux", "k").Certificates(SignedData("CN=Test Signer")).Build();

        var error = Assert.Throws<KernelFormatException>(() => Read(file[..^16]));

        Assert.Contains("runs past the end of the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_larger_than_any_signature_is_refused_before_it_is_read()
    {
        var file = new PeBuilder().Add(".linux", "k").Certificates(new byte[(1 << 20) + 1]).Build();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<KernelFormatException>(() => Read(file));

        Assert.Contains("more than the 1048576 any signature needs", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 256 * 1024);
    }

    private static PeSignature Read(byte[] bytes)
    {
        var file = FileRange.Of(new MemoryStream(bytes));
        return PeSignature.Read(PeImage.Read(file), file);
    }

    private static byte[] SignedData(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var cms = new SignedCms(new ContentInfo([1, 2, 3]));
        cms.ComputeSignature(new CmsSigner(certificate) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") });
        return cms.Encode();
    }
}
