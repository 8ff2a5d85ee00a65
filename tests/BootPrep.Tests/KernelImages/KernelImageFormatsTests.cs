using BootPrep.KernelImages;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.KernelImages;

public sealed class KernelImageFormatsTests
{
    [Fact]
    public void Formats_are_tried_zboot_first_then_bzimage_then_arm64_image()
    {
        Assert.Equal(
            [("arm64-zboot", 56), ("bzimage", 0x268), ("arm64-image", 64)],
            KernelImageFormats.Detectors.Select(detector => (detector.Format, detector.HeaderSize)));
    }

    [Fact]
    public void One_read_covers_every_header()
    {
        Assert.Equal(0x268, KernelImageFormats.HeaderSize);
    }

    [Theory]
    [InlineData("zboot", "arm64-zboot")]
    [InlineData("bzimage", "bzimage")]
    [InlineData("arm64", "arm64-image")]
    public void Each_header_matches_its_own_detector_only(string kernel, string format)
    {
        var bytes = kernel switch
        {
            "zboot" => KernelBytes.Zboot("gzip"),
            "bzimage" => KernelBytes.BzImage("6.1"),
            _ => KernelBytes.Arm64Image(),
        };

        Assert.Equal([format], KernelImageFormats.Detectors.Where(detector => detector.Matches(Header(bytes, detector.HeaderSize))).Select(detector => detector.Format));
    }

    [Fact]
    public void A_magic_cut_by_the_end_of_the_file_matches_nothing()
    {
        var bytes = KernelBytes.BzImage("6.1")[..0x204];

        Assert.DoesNotContain(KernelImageFormats.Detectors, detector => detector.Matches(Header(bytes, detector.HeaderSize)));
    }

    /// <summary>The first <paramref name="size"/> bytes, zero past the end of the file, as the reader hands them over.</summary>
    private static byte[] Header(byte[] bytes, int size)
    {
        var header = new byte[size];
        bytes.AsSpan(0, Math.Min(size, bytes.Length)).CopyTo(header);
        return header;
    }
}
