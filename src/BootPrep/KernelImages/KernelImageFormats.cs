namespace BootPrep.KernelImages;

/// <summary>The kernel formats recognised by their header, in the order they are tried: the first that matches names the image.</summary>
public static class KernelImageFormats
{
    /// <summary>zboot (a PE whose "MZ" is followed by "zimg"), bzImage, arm64 Image.</summary>
    public static IReadOnlyList<KernelImageDetector> Detectors { get; } =
    [
        new(KernelImage.Zboot.FormatName, ZbootHeader.HeaderSize, ZbootHeader.Matches, static (header, image) =>
            new KernelImage.Zboot(image.File.Length, image.Sha256, image.Signature, ZbootHeader.Read(header, image.File))),
        new(KernelImage.BzImage.FormatName, BzImageHeader.HeaderSize, BzImageHeader.Matches, static (header, image) =>
            new KernelImage.BzImage(image.File.Length, image.Sha256, image.Signature, BzImageHeader.Read(header, image.File, image.EfiStub))),
        new(KernelImage.Arm64Image.FormatName, Arm64ImageHeader.HeaderSize, Arm64ImageHeader.Matches, static (header, image) =>
            new KernelImage.Arm64Image(image.File.Length, image.Sha256, image.Signature, Arm64ImageHeader.Read(header, image.EfiStub))),
    ];

    /// <summary>The bytes read from the start of a file to choose its format: enough for every header and compression magic.</summary>
    public static int HeaderSize { get; } = Math.Max(Detectors.Max(detector => detector.HeaderSize), Compression.MagicLength);
}
