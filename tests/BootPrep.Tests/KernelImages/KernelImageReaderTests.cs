using BootPrep.Errors;
using BootPrep.Binary;
using BootPrep.KernelImages;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.KernelImages;

public sealed class KernelImageReaderTests
{
    [Fact]
    public void A_bzimage_reports_its_protocol_version_flags_and_payload()
    {
        var (image, errors) = Describe(KernelBytes.BzImage("6.12.0-100.fc42.x86_64 (mockbuild@fedora) #1 SMP"));

        Assert.Empty(errors);
        Assert.Equal("bzimage", image.Format);
        var header = Assert.IsType<KernelImage.BzImage>(image).Header;
        Assert.Equal(("2.15", "6.12.0-100.fc42.x86_64", 4, "xz", false), (header.BootProtocol, header.Release, header.SetupSectors, header.PayloadCompression, header.EfiStub));
        Assert.Equal("6.12.0-100.fc42.x86_64 (mockbuild@fedora) #1 SMP", header.Version);
        Assert.Equal(["kernel-64", "can-be-loaded-above-4g", "efi-handover-32", "efi-handover-64", "efi-kexec"], header.Xloadflags);
        Assert.Null(image.Signature);
    }

    [Fact]
    public void Xloadflags_are_not_read_before_boot_protocol_2_12()
    {
        var (image, _) = Describe(KernelBytes.BzImage("3.0", protocol: 0x020a));

        var header = Assert.IsType<KernelImage.BzImage>(image).Header;
        Assert.Equal("2.10", header.BootProtocol);
        Assert.Empty(header.Xloadflags);
    }

    [Fact]
    public void A_version_pointer_outside_the_setup_code_is_an_error()
    {
        var bytes = KernelBytes.BzImage("6.1");
        bytes[0x20f] = 0x7f;

        var (image, errors) = Describe(bytes);

        Assert.Equal("bzimage", Assert.IsType<KernelImage.Unreadable>(image).Format);
        Assert.Equal([(DiagnosticCode.FormatError, "bzImage: kernel_version points at 0x8100, outside the setup code (0xa00 bytes)")], errors.Select(error => (error.Code, error.Message)));
    }

    [Fact]
    public void A_cut_bzimage_header_is_an_error()
    {
        var (image, errors) = Describe(KernelBytes.BzImage("6.1")[..0x210]);

        Assert.Equal("bzimage", Assert.IsType<KernelImage.Unreadable>(image).Format);
        Assert.Equal([(DiagnosticCode.FormatError, "bzImage: the setup header is cut short: the file has 528 bytes")], errors.Select(error => (error.Code, error.Message)));
    }

    [Fact]
    public void An_arm64_image_reports_its_header()
    {
        var (image, errors) = Describe(KernelBytes.Arm64Image());

        Assert.Empty(errors);
        Assert.Equal("arm64-image", image.Format);
        Assert.Equal(new Arm64ImageHeader(0, 0x2000000, false, "4k", false), Assert.IsType<KernelImage.Arm64Image>(image).Header);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("lzma")]
    public void A_zboot_image_names_its_payload_compression(string compression)
    {
        var (image, errors) = Describe(KernelBytes.Zboot(compression));

        Assert.Equal("arm64-zboot", image.Format);
        Assert.Equal(new ZbootHeader(0x100, 0x100, compression), Assert.IsType<KernelImage.Zboot>(image).Header);
        Assert.Contains(errors, error => error.Message.StartsWith("PE: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_zboot_payload_past_the_end_is_an_error()
    {
        var (image, errors) = Describe(KernelBytes.Zboot("gzip", payloadSize: 0x1000));

        Assert.Equal("arm64-zboot", Assert.IsType<KernelImage.Unreadable>(image).Format);
        Assert.Contains("zboot: the payload (0x100, 4096 bytes) runs past the end of the file (512 bytes)", errors.Select(error => error.Message));
    }

    [Fact]
    public void A_zboot_compression_that_is_not_a_name_is_an_error()
    {
        var (_, errors) = Describe(KernelBytes.Zboot("\u0001x"));

        Assert.Contains("zboot: the compression type \"\\x01x\" is not a name", errors.Select(error => error.Message));
    }

    [Theory]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 0 }, "gzip")]
    [InlineData(new byte[] { 0x28, 0xb5, 0x2f, 0xfd }, "zstd")]
    [InlineData(new byte[] { 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00 }, "xz")]
    [InlineData(new byte[] { 0x02, 0x21, 0x4c, 0x18 }, "lz4")]
    [InlineData(new byte[] { 0x30, 0x37, 0x30, 0x37, 0x30, 0x31 }, "unknown")]
    [InlineData(new byte[] { 1, 2, 3 }, "unknown")]
    public void Other_images_are_named_by_their_compression(byte[] bytes, string format)
    {
        Assert.Equal(format, Describe(bytes).Image.Format);
    }

    [Fact]
    public void Size_and_digest_cover_the_whole_image()
    {
        var bytes = KernelBytes.Arm64Image();

        var (image, _) = Describe(bytes);

        Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))), (image.Size, image.Sha256));
    }

    private static (KernelImage Image, List<Diagnostic> Errors) Describe(byte[] bytes)
    {
        var errors = new List<Diagnostic>();
        return (KernelImageReader.Describe(FileRange.Of(new MemoryStream(bytes)), errors), errors);
    }
}
