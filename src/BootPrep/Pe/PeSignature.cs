using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using BootPrep.Binary;
using BootPrep.Errors;

namespace BootPrep.Pe;

/// <summary>
/// Whether a PE image carries an Authenticode signature, and who signed it. This is information, not a verdict:
/// nothing here checks the signature against the image or any certificate against a trust store.
/// </summary>
/// <param name="Signed">True when the image has a certificate table.</param>
/// <param name="Verified">Always false: BootPrep reports signers and never verifies them; the firmware, shim or kernel decides.</param>
/// <param name="Signers">The signers of every PKCS#7 signature in the table, nested signatures included.</param>
public sealed record PeSignature(bool Signed, bool Verified, IReadOnlyList<PeSigner> Signers)
{
    /// <summary>The format name in errors.</summary>
    public const string Format = "Authenticode";

    private const int CertificateHeaderSize = 8;

    // A signature with its chain is a few KiB; sbsign and pesign write one or two. A larger table is refused, not read.
    private const int MaxCertificateTable = 1 << 20;
    private const ushort PkcsSignedData = 0x0002;

    // Microsoft's SPC_NESTED_SIGNATURE attribute: a further SignedData (e.g. a second, newer signing key).
    private const string NestedSignatureOid = "1.3.6.1.4.1.311.2.4.1";

    // Real images nest one signature in another, rarely two; a deeper chain is hostile.
    private const int MaxNesting = 4;

    /// <summary>What an image without a certificate table reports.</summary>
    public static PeSignature Unsigned { get; } = new(false, false, []);

    /// <summary>Reads the certificate table of <paramref name="image"/> in <paramref name="file"/>.</summary>
    public static PeSignature Read(PeImage image, FileRange file)
    {
        if (image.CertificateTable is not { } table)
        {
            return Unsigned;
        }

        if (!file.Contains(table.Address, table.Size))
        {
            throw Bad($"the certificate table (0x{table.Address:x}, {table.Size} bytes) runs past the end of the file ({file.Length} bytes)");
        }

        if (table.Size > MaxCertificateTable)
        {
            throw Bad($"the certificate table has {table.Size} bytes, more than the {MaxCertificateTable} any signature needs");
        }

        var signers = new List<PeSigner>();
        Span<byte> header = stackalloc byte[CertificateHeaderSize];
        for (long offset = 0; offset + CertificateHeaderSize <= table.Size;)
        {
            file.ReadAt(table.Address + offset, header);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
            if (length < CertificateHeaderSize || length > table.Size - offset)
            {
                throw Bad($"a certificate entry at 0x{table.Address + offset:x} claims {length} bytes; the table has {table.Size - offset} left");
            }

            if (type == PkcsSignedData)
            {
                AddSigners(file.Slice(table.Address + offset + CertificateHeaderSize, length - CertificateHeaderSize), signers);
            }

            // Entries are aligned to 8 bytes (WIN_CERTIFICATE, PE format specification).
            offset += (length + 7) & ~7L;
        }

        return new PeSignature(true, false, signers);
    }

    /// <summary>Decodes one certificate entry from a pooled buffer (the table is never copied whole); it is at most <see cref="MaxCertificateTable"/> bytes.</summary>
    private static void AddSigners(FileRange entry, List<PeSigner> signers)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)entry.Length);
        try
        {
            AddSigners(buffer.AsSpan(0, entry.ReadAt(0, buffer.AsSpan(0, (int)entry.Length))), signers, depth: 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void AddSigners(ReadOnlySpan<byte> encoded, List<PeSigner> signers, int depth)
    {
        if (depth > MaxNesting)
        {
            throw Bad($"signatures are nested more than {MaxNesting} deep");
        }

        // SignedCms decodes certificates and attributes lazily, so a malformed one can surface at any step below.
        try
        {
            var cms = new SignedCms();
            cms.Decode(encoded);
            foreach (var signer in cms.SignerInfos)
            {
                var certificate = signer.Certificate;
                signers.Add(new PeSigner(
                    certificate?.Subject ?? "(certificate not included)",
                    certificate?.Issuer ?? "(certificate not included)",
                    signer.DigestAlgorithm.FriendlyName ?? signer.DigestAlgorithm.Value ?? ""));
                foreach (var attribute in signer.UnsignedAttributes)
                {
                    if (attribute.Oid.Value != NestedSignatureOid)
                    {
                        continue;
                    }

                    foreach (var nested in attribute.Values)
                    {
                        AddSigners(nested.RawData, signers, depth + 1);
                    }
                }
            }
        }
        catch (CryptographicException ex)
        {
            throw Bad($"the signature is not a well-formed PKCS#7 SignedData structure ({ex.Message.TrimEnd('.')})");
        }
    }

    private static KernelFormatException Bad(string message) => new(Format, message);
}
