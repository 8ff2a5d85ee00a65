namespace BootPrep.Errors;

/// <summary>
/// The one exception BootPrep raises for bad input or an unusable system. <see cref="Path"/> names the file the
/// problem is about (relative to the image root where it lies inside one); the message says what was expected,
/// what was found and, where there is one, what to do.
/// </summary>
public sealed class BootPrepException : Exception
{
    /// <summary>Creates an error about <paramref name="path"/>.</summary>
    public BootPrepException(BootPrepErrorKind kind, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Path = path;
    }

    /// <summary>What went wrong.</summary>
    public BootPrepErrorKind Kind { get; }

    /// <summary>The file or directory the error is about.</summary>
    public string Path { get; }

    /// <summary>The same error, its path prefixed with the image it lies in (an image root is named by its source).</summary>
    public BootPrepException Within(string image) => new(Kind, $"{image}: {Path}", Message, this);

    /// <summary>The error as one line: the path, then the problem.</summary>
    public string OneLine => $"{Path}: {Message}";
}
