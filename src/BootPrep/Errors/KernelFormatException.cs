namespace BootPrep.Errors;

/// <summary>
/// A kernel, UKI or initramfs whose bytes are not what their format requires. <see cref="Format"/> names the
/// format family (PE, bzImage, arm64 Image, zboot) and the message names the field that is wrong. Inspection
/// records it beside the kernel instead of failing, so a malformed UKI is still reported.
/// </summary>
public sealed class KernelFormatException : Exception
{
    /// <summary>Creates an error about the <paramref name="format"/> structure.</summary>
    public KernelFormatException(string format, string message)
        : base(message)
    {
        Format = format;
    }

    /// <summary>The format family whose rules the bytes break.</summary>
    public string Format { get; }

    /// <summary>The error as one line: the format, then the problem.</summary>
    public string OneLine => $"{Format}: {Message}";
}
