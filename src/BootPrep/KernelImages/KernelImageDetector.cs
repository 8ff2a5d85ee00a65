namespace BootPrep.KernelImages;

/// <summary>
/// One row of the kernel format table, after ImageSharp's <c>IImageFormatDetector</c>: how many bytes from the start
/// of the file the format's header has, whether those bytes are this format, and how to read them.
/// </summary>
/// <param name="Format">The format's name, which an image keeps when its header cannot be read.</param>
/// <param name="HeaderSize">The bytes of the header, from the start of the file.</param>
/// <param name="Matches">True when the header (zero past the end of the file) carries this format's magic.</param>
/// <param name="Read">Reads a header that matches; throws <see cref="Errors.KernelFormatException"/> naming what is wrong.</param>
public sealed record KernelImageDetector(
    string Format,
    int HeaderSize,
    Func<ReadOnlySpan<byte>, bool> Matches,
    Func<ReadOnlySpan<byte>, KernelImageFile, KernelImage> Read);
