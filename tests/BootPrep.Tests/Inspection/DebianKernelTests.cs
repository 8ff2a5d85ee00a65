using BootPrep.Errors;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BootPrep.Inspection;
using BootPrep.KernelImages;
using BootPrep.RootFs;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Inspection;

/// <summary>Inspect of Debian's real signed kernel and of a UKI objcopy assembled from it and systemd's stub.</summary>
public sealed partial class DebianKernelTests
{
    private const string UkiPath = "boot/EFI/Linux/debian.efi";

    [Fact]
    public void Uki_sections_are_those_objdump_lists()
    {
        var kernel = InspectUki();

        var expected = ObjdumpSections(DebianKernel.Uki);
        Assert.Equal(expected, kernel.Uki!.Sections.Select(section => (section.Name, section.Size, (long)section.FileOffset)));
        Assert.Contains(".linux", expected.Select(section => section.Name));
        Assert.All(kernel.Uki.Sections, section => Assert.Matches("^[0-9a-f]{64}$", section.Sha256));
    }

    [Fact]
    public void Uki_texts_are_what_build_script_wrote()
    {
        var uki = InspectUki().Uki!;

        Assert.Equal(DebianKernel.Cmdline, uki.Cmdline);
        Assert.Equal(DebianKernel.Release, uki.Uname);
        Assert.Equal(("debian", "12", "Debian GNU/Linux 12 (bookworm)"), (uki.OsRelease!["ID"], uki.OsRelease["VERSION_ID"], uki.OsRelease["PRETTY_NAME"]));
        Assert.StartsWith("sbat,1,SBAT Version,sbat,1,", uki.Sbat, StringComparison.Ordinal);
        Assert.Equal(new FileInfo(DebianKernel.Initrd).Length, uki.InitrdSize);
        Assert.Equal("x86_64", uki.Machine);
    }

    [Fact]
    public void Uki_signer_is_the_one_sbverify_lists()
    {
        var signature = InspectUki().Uki!.Signature!;

        Assert.Equal((true, false), (signature.Signed, signature.Verified));
        Assert.Equal(DebianKernel.UkiSigner, Assert.Single(signature.Signers).Subject);
        Assert.Equal(SbverifySubjects(DebianKernel.Uki), signature.Signers.Select(signer => signer.Subject));
    }

    [Fact]
    public void Uki_linux_is_debians_signed_bzimage()
    {
        var kernel = InspectUki();

        var image = Assert.IsType<KernelImage.BzImage>(kernel.Image);
        Assert.Equal(("bzimage", Sha256(DebianKernel.Vmlinuz)), (image.Format, image.Sha256));
        Assert.Equal(DebianKernel.Release, image.Header.Release);
        Assert.StartsWith(DebianKernel.Release + " (debian-kernel@lists.debian.org)", image.Header.Version, StringComparison.Ordinal);
        Assert.True(image.Header.EfiStub);
        Assert.Contains("efi-kexec", image.Header.Xloadflags);
        Assert.Equal(SbverifySubjects(DebianKernel.Vmlinuz), image.Signature!.Signers.Select(signer => signer.Subject));
        Assert.Equal("CN=Debian Secure Boot CA", image.Signature.Signers[0].Issuer);
        Assert.Equal((0, 0), (kernel.Errors.Count, kernel.Warnings.Count));
    }

    [Fact]
    public void Addons_beside_the_uki_are_read_in_name_order_and_extend_the_cmdline()
    {
        using var tree = new TestTree();
        tree.File(UkiPath, File.ReadAllBytes(DebianKernel.SmallUki))
            .File($"{UkiPath}.extra.d/b.addon.efi", File.ReadAllBytes(DebianKernel.Addon))
            .File($"{UkiPath}.extra.d/a.addon.efi", File.ReadAllBytes(DebianKernel.Addon))
            .File($"{UkiPath}.extra.d/README", "not an addon");

        var uki = Inspect(tree.Root).Uki!;

        Assert.Equal([$"{UkiPath}.extra.d/a.addon.efi", $"{UkiPath}.extra.d/b.addon.efi"], uki.Addons.Select(addon => addon.Path.ToString()));
        Assert.All(uki.Addons, addon => Assert.Equal(DebianKernel.AddonCmdline, addon.Cmdline));
        Assert.Equal($"{DebianKernel.Cmdline} {DebianKernel.AddonCmdline} {DebianKernel.AddonCmdline}", uki.EffectiveCmdline);
    }

    [Fact]
    public void Vmlinuz_and_initramfs_are_described()
    {
        using var tree = new TestTree();
        var directory = $"usr/lib/modules/{DebianKernel.Release}";
        tree.File($"{directory}/vmlinuz", File.ReadAllBytes(DebianKernel.Vmlinuz)).File($"{directory}/initramfs.img", File.ReadAllBytes(DebianKernel.Initrd));

        var kernel = Inspect(tree.Root);

        Assert.Equal(("bzimage", DebianKernel.Release), (kernel.Image!.Format, Assert.IsType<KernelImage.BzImage>(kernel.Image).Header.Release));
        Assert.Equal(Sha256(DebianKernel.Vmlinuz), kernel.Sha256);
        Assert.Equal(("gzip", Sha256(DebianKernel.Initrd)), (kernel.Initramfs!.Compression, kernel.Initramfs.Sha256));
        Assert.Empty(kernel.Warnings);
    }

    [Fact]
    public void A_release_that_disagrees_with_the_directory_is_a_warning()
    {
        using var tree = new TestTree();
        tree.File("usr/lib/modules/6.0.0-other/vmlinuz", File.ReadAllBytes(DebianKernel.Vmlinuz));

        var kernel = Inspect(tree.Root);

        Assert.Equal([(DiagnosticCode.ReleaseMismatch, $"the kernel image's header names release {DebianKernel.Release}, but its directory is usr/lib/modules/6.0.0-other")], kernel.Warnings.Select(warning => (warning.Code, warning.Message)));
    }

    [Fact]
    public void A_truncated_uki_is_still_reported_with_its_errors()
    {
        using var tree = new TestTree();
        tree.File(UkiPath, File.ReadAllBytes(DebianKernel.Uki)[..100_000]);

        var run = CliRun.Of("inspect", tree.Root, "--json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var kernel = Inspect(tree.Root);
        Assert.Equal(("debian", DebianKernel.Cmdline), (kernel.Version, kernel.Uki!.Cmdline));
        Assert.Contains(kernel.Errors, error => error.Code == DiagnosticCode.SectionOutsideFile && error.Message.StartsWith("section .linux: its data (0x", StringComparison.Ordinal));
        Assert.Contains(kernel.Errors, error => error.Code == DiagnosticCode.FormatError && error.Message.StartsWith("Authenticode: the certificate table", StringComparison.Ordinal));
        Assert.Null(kernel.Image);
    }

    [Fact]
    public void An_oci_image_reports_what_its_root_directory_reports()
    {
        using var tree = new TestTree();
        var uki = File.ReadAllBytes(DebianKernel.SmallUki);
        var addon = File.ReadAllBytes(DebianKernel.Addon);
        tree.File($"root/{UkiPath}", uki).File($"root/{UkiPath}.extra.d/quiet.addon.efi", addon);
        var layout = new OciImageBuilder()
            .Layer(layer => layer.File(UkiPath, uki))
            .Layer(layer => layer.File($"{UkiPath}.extra.d/quiet.addon.efi", addon), LayerCompression.Zstd)
            .WriteLayout(Path.Combine(tree.Root, "layout"));

        Assert.Equal(Reports.Of(Path.Combine(tree.Root, "root")), Reports.Of($"oci:{layout}"));
    }

    private static KernelReport InspectUki()
    {
        using var tree = new TestTree();
        tree.File(UkiPath, File.ReadAllBytes(DebianKernel.Uki));
        return Inspect(tree.Root);
    }

    private static KernelReport Inspect(string directory)
    {
        using var root = DirectoryImageRoot.Open(directory);
        return ImageInspector.Inspect(root, TestArchitecture.X86_64).Kernel!;
    }

    private static List<(string Name, long Size, long FileOffset)> ObjdumpSections(string file) =>
        [.. ObjdumpLine().Matches(ExternalTool.Run("objdump", "-h", file)).Select(match => (
            match.Groups["name"].Value,
            long.Parse(match.Groups["size"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            long.Parse(match.Groups["offset"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))];

    private static List<string> SbverifySubjects(string file) =>
        [.. SbverifySubject().Matches(ExternalTool.Run("sbverify", "--list", file)).Select(match => match.Groups["subject"].Value.TrimStart('/').Replace("/", ", ", StringComparison.Ordinal))];

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [GeneratedRegex(@"^\s*\d+\s+(?<name>\S+)\s+(?<size>[0-9a-f]{8})\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+(?<offset>[0-9a-f]{8})", RegexOptions.Multiline)]
    private static partial Regex ObjdumpLine();

    [GeneratedRegex(@"subject: (?<subject>.+)$", RegexOptions.Multiline)]
    private static partial Regex SbverifySubject();
}
