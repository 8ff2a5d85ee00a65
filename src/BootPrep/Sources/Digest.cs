using System.Security.Cryptography;
using BootPrep.Errors;

namespace BootPrep.Sources;

/// <summary>A content digest as OCI writes it: <c>sha256:&lt;64 hex&gt;</c> or <c>sha512:&lt;128 hex&gt;</c>.</summary>
public sealed record Digest(string Algorithm, string Hex)
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names where it came from in errors.</summary>
    public static Digest Parse(string? text, string source)
    {
        var colon = text?.IndexOf(':') ?? -1;
        if (text is not null && colon > 0)
        {
            var algorithm = text[..colon];
            var hex = text[(colon + 1)..];
            var length = algorithm switch { "sha256" => 64, "sha512" => 128, _ => 0 };
            if (length > 0 && hex.Length == length && hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                return new Digest(algorithm, hex);
            }
        }

        throw new BootPrepException(BootPrepErrorKind.InvalidImage, source, $"'{text}' is not a sha256 or sha512 digest");
    }

    /// <summary>The hash algorithm that computes this digest.</summary>
    public HashAlgorithmName HashAlgorithm => Algorithm == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;

    /// <summary>The digest as OCI writes it.</summary>
    public override string ToString() => $"{Algorithm}:{Hex}";
}
