using BootPrep.Bootc;
using BootPrep.Detection;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.RootFs;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Detection;

public sealed class KernelFinderTests : IDisposable
{
    private const string Linux = "boot/EFI/Linux";
    private const string Modules = "usr/lib/modules";

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void No_kernel_is_null()
    {
        _tree.Dir("usr/lib");

        var detection = Find();

        Assert.Null(detection.Kernel);
        Assert.Empty(detection.Candidates);
    }

    [Fact]
    public void Uki_sorts_by_ordinal_bytes()
    {
        _tree.File($"{Linux}/a.efi").File($"{Linux}/B.efi");

        Assert.Equal("B", Find().Kernel!.Version);
    }

    [Fact]
    public void Uki_sorts_digits_as_bytes()
    {
        _tree.File($"{Linux}/9.efi").File($"{Linux}/10.efi");

        Assert.Equal("10", Find().Kernel!.Version);
    }

    [Fact]
    public void Uki_sorts_by_utf8_bytes_not_utf16_units()
    {
        // In UTF-16 the surrogate 0xD83D of U+1F600 sorts before U+FF5E; in UTF-8, EF BD 9E sorts before F0 9F 98 80.
        _tree.File($"{Linux}/\U0001F600.efi").File($"{Linux}/\uFF5E.efi");

        Assert.Equal("\uFF5E", Find().Kernel!.Version);
    }

    [Fact]
    public void Uki_extension_is_case_sensitive()
    {
        _tree.File($"{Linux}/a.EFI").File($"{Modules}/6.1/vmlinuz");

        var detection = Find();

        Assert.IsType<DetectedKernel.Vmlinuz>(detection.Kernel);
        Assert.Equal(SkipReason.ExtensionCase, detection.Candidates[0].Skipped);
    }

    [Fact]
    public void Uki_name_that_is_only_the_extension_is_not_a_uki()
    {
        _tree.File($"{Linux}/.efi");

        Assert.Null(Find().Kernel);
    }

    [Fact]
    public void Uki_version_drops_only_the_last_extension()
    {
        _tree.File($"{Linux}/fedora-6.12.0-1.fc42.x86_64.efi", "uki");

        var kernel = Find().Kernel!;

        Assert.Equal(new DetectedKernel.Uki("fedora-6.12.0-1.fc42.x86_64", ImagePath.Parse($"{Linux}/fedora-6.12.0-1.fc42.x86_64.efi"), 3), kernel);
    }

    [Fact]
    public void Uki_with_a_name_that_is_not_utf8_is_skipped()
    {
        _tree.RawFile(Linux, [(byte)'0', 0xff, .. ".efi"u8]).File($"{Linux}/z.efi");

        var detection = Find();

        Assert.Equal("z", detection.Kernel!.Version);
        Assert.Equal(SkipReason.NameNotUtf8, detection.Candidates[0].Skipped);
        Assert.Equal($"{Linux}/0\\xff.efi", detection.Candidates[0].Path.ToString());
    }

    [Fact]
    public void Uki_that_is_a_directory_is_still_the_first_name_and_bootc_refuses_it()
    {
        _tree.Dir($"{Linux}/a.efi").File($"{Linux}/b.efi");

        var detection = Find();

        Assert.Equal("a", detection.Kernel!.Version);
        Assert.Equal(BootcRefusalCode.IsADirectory, Assert.Single(detection.Refusals).Code);
    }

    [Fact]
    public void Uki_that_is_a_dangling_link_is_still_the_first_name_and_bootc_refuses_it()
    {
        _tree.Symlink($"{Linux}/a.efi", "gone.efi").File($"{Linux}/b.efi");

        var detection = Find();

        Assert.Equal("a", detection.Kernel!.Version);
        Assert.Equal(BootcRefusalCode.NotFound, Assert.Single(detection.Refusals).Code);
    }

    [Fact]
    public void Uki_that_is_a_relative_link_to_a_regular_file_counts()
    {
        _tree.File("usr/lib/kernel.efi").Symlink($"{Linux}/linked.efi", "../../../usr/lib/kernel.efi");

        var detection = Find();

        Assert.Equal("linked", detection.Kernel!.Version);
        Assert.Empty(detection.Refusals);
    }

    [Fact]
    public void Uki_that_is_an_absolute_link_is_reported_and_bootc_refuses_it()
    {
        _tree.File("usr/lib/kernel.efi").Symlink($"{Linux}/linked.efi", "/usr/lib/kernel.efi");

        var detection = Find();

        Assert.Equal("linked", detection.Kernel!.Version);
        Assert.Equal(BootcRefusalCode.EscapesRoot, Assert.Single(detection.Refusals).Code);
    }

    [Fact]
    public void Uki_wins_over_vmlinuz()
    {
        _tree.File($"{Linux}/uki.efi").File($"{Modules}/6.1/vmlinuz");

        var detection = Find();

        Assert.IsType<DetectedKernel.Uki>(detection.Kernel);
        Assert.Equal(SkipReason.UkiTakesPrecedence, detection.Candidates[1].Skipped);
    }

    [Fact]
    public void Uki_wins_even_when_modules_are_ambiguous()
    {
        _tree.File($"{Linux}/uki.efi").File($"{Modules}/6.1/vmlinuz").File($"{Modules}/6.2/vmlinuz");

        Assert.Equal("uki", Find().Kernel!.Version);
    }

    [Fact]
    public void Vmlinuz_version_is_the_directory_name_with_its_initramfs()
    {
        _tree.File($"{Modules}/6.1.0-28-amd64/vmlinuz", "kernel").File($"{Modules}/6.1.0-28-amd64/initramfs.img", "initrd!");

        var kernel = Find().Kernel!;

        Assert.Equal(
            new DetectedKernel.Vmlinuz(
                "6.1.0-28-amd64",
                ImagePath.Parse($"{Modules}/6.1.0-28-amd64/vmlinuz"),
                6,
                new DetectedInitramfs(ImagePath.Parse($"{Modules}/6.1.0-28-amd64/initramfs.img"), true, 7)),
            kernel);
    }

    [Fact]
    public void Vmlinuz_without_initramfs_reports_it_missing()
    {
        _tree.File($"{Modules}/6.1/vmlinuz");

        Assert.Equal(new DetectedInitramfs(ImagePath.Parse($"{Modules}/6.1/initramfs.img"), false, null), Assert.IsType<DetectedKernel.Vmlinuz>(Find().Kernel).Initramfs);
    }

    [Fact]
    public void Module_directories_without_vmlinuz_are_ignored()
    {
        _tree.File($"{Modules}/6.0/modules.dep").File($"{Modules}/6.1/vmlinuz");

        var detection = Find();

        Assert.Equal("6.1", detection.Kernel!.Version);
        Assert.Equal([SkipReason.NoVmlinuz, null], detection.Candidates.Select(c => c.Skipped));
    }

    [Fact]
    public void Two_module_kernels_are_refused_naming_both()
    {
        _tree.File($"{Modules}/6.1/vmlinuz").File($"{Modules}/6.2/vmlinuz");

        var detection = Find();

        Assert.Null(detection.Kernel);
        var refusal = Assert.Single(detection.Refusals);
        Assert.Equal(BootcRefusalCode.MultipleKernels, refusal.Code);
        Assert.Equal(Modules, refusal.Path.ToString());
        Assert.Contains("(6.1, 6.2)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_module_kernels_leave_no_kernel_to_choose()
    {
        _tree.File($"{Modules}/6.1/vmlinuz").File($"{Modules}/6.2/vmlinuz");

        var error = Assert.Throws<BootPrepException>(() => Find().ChosenKernel());

        Assert.Equal(BootPrepErrorKind.AmbiguousKernel, error.Kind);
    }

    [Fact]
    public void A_vmlinuz_that_is_a_directory_counts_as_bootc_only_asks_whether_it_exists()
    {
        _tree.Dir($"{Modules}/6.1/vmlinuz");

        var detection = Find();

        Assert.Equal("6.1", detection.Kernel!.Version);
        Assert.Empty(detection.Refusals);
    }

    [Fact]
    public void Symlinked_module_directory_is_ignored()
    {
        _tree.File("opt/k/vmlinuz").Symlink($"{Modules}/6.9", "/opt/k");

        var detection = Find();

        Assert.Null(detection.Kernel);
        Assert.Equal(SkipReason.SymbolicLink, detection.Candidates[0].Skipped);
    }

    [Fact]
    public void Module_directory_with_a_name_that_is_not_utf8_is_ignored()
    {
        _tree.RawDir(Modules, [(byte)'6', 0xfe], "vmlinuz").File($"{Modules}/6.1/vmlinuz");

        var detection = Find();

        Assert.Equal("6.1", detection.Kernel!.Version);
        Assert.Contains(detection.Candidates, c => c.Skipped == SkipReason.NameNotUtf8 && c.Path.ToString() == $"{Modules}/6\\xfe");
    }

    [Fact]
    public void Vmlinuz_that_is_a_relative_link_counts()
    {
        _tree.File("boot/vmlinuz-6.1").Symlink($"{Modules}/6.1/vmlinuz", "../../../../boot/vmlinuz-6.1");

        var detection = Find();

        Assert.Equal("6.1", detection.Kernel!.Version);
        Assert.Empty(detection.Refusals);
    }

    [Fact]
    public void Vmlinuz_that_is_an_absolute_link_is_reported_and_bootc_refuses_it()
    {
        _tree.File("boot/vmlinuz-6.1").Symlink($"{Modules}/6.1/vmlinuz", "/boot/vmlinuz-6.1");

        var detection = Find();

        Assert.Equal("6.1", detection.Kernel!.Version);
        Assert.Equal(BootcRefusalCode.EscapesRoot, Assert.Single(detection.Refusals).Code);
    }

    [Fact]
    public void Vmlinuz_that_is_a_link_climbing_out_of_the_root_is_refused()
    {
        _tree.Symlink($"{Modules}/6.1/vmlinuz", "../../../../../vmlinuz");

        Assert.Equal(BootcRefusalCode.EscapesRoot, Assert.Single(Find().Refusals).Code);
    }

    [Fact]
    public void Vmlinuz_that_is_a_dangling_relative_link_is_not_a_kernel()
    {
        _tree.Symlink($"{Modules}/6.1/vmlinuz", "gone");

        var detection = Find();

        Assert.Null(detection.Kernel);
        Assert.Empty(detection.Refusals);
    }

    [Fact]
    public void Vmlinuz_that_is_a_dangling_absolute_link_is_not_a_kernel_but_bootc_refuses_the_link()
    {
        _tree.Symlink($"{Modules}/6.1/vmlinuz", "/boot/gone");

        var detection = Find();

        Assert.Null(detection.Kernel);
        Assert.Equal(BootcRefusalCode.EscapesRoot, Assert.Single(detection.Refusals).Code);
    }

    [Theory]
    [InlineData("boot")]
    [InlineData("boot/EFI/Linux")]
    [InlineData("usr/lib/modules")]
    public void A_directory_bootc_opens_that_is_a_file_is_refused(string path)
    {
        _tree.File(path);

        var refusal = Assert.Single(Find().Refusals);

        Assert.Equal(BootcRefusalCode.NotADirectory, refusal.Code);
        Assert.Equal(path, refusal.Path.ToString());
    }

    [Fact]
    public void A_directory_below_a_file_is_refused_as_bootc_gets_enotdir()
    {
        _tree.File("usr/lib", "a file where a directory belongs");

        Assert.Equal(BootcRefusalCode.NotADirectory, Assert.Single(Find().Refusals).Code);
    }

    [Fact]
    public void Efi_linux_is_opened_beneath_boot_so_a_link_climbing_out_of_boot_is_refused()
    {
        _tree.File("efi/Linux/a.efi").Symlink("boot/EFI", "../efi");

        var detection = Find();

        Assert.Equal("a", detection.Kernel!.Version);
        Assert.Equal(BootcRefusalCode.EscapesRoot, detection.Refusals[0].Code);
        Assert.Equal(Linux, detection.Refusals[0].Path.ToString());
    }

    [Fact]
    public void A_boot_link_inside_the_root_is_followed()
    {
        _tree.File("usr/lib/boot/EFI/Linux/a.efi").Symlink("boot", "usr/lib/boot");

        var detection = Find();

        Assert.Equal("a", detection.Kernel!.Version);
        Assert.Empty(detection.Refusals);
    }

    [Fact]
    public void Link_to_a_host_directory_holding_a_uki_finds_the_image_kernel()
    {
        using var host = new TestTree();
        host.File("EFI/Linux/host.efi");
        _tree.Symlink("boot", host.Root).File($"{Modules}/6.1-image/vmlinuz");

        var detection = Find();

        Assert.Equal("6.1-image", detection.Kernel!.Version);
        Assert.DoesNotContain(detection.Candidates, c => c.Path.ToString().Contains("host", StringComparison.Ordinal));
        Assert.Equal(BootcRefusalCode.EscapesRoot, Assert.Single(detection.Refusals).Code);
    }

    [Fact]
    public void Candidates_list_every_uki_in_order_then_every_module_directory()
    {
        _tree.File($"{Linux}/b.efi").File($"{Linux}/a.efi").File($"{Modules}/6.2/vmlinuz").Dir($"{Modules}/6.1");

        var detection = Find();

        Assert.Equal(
            [$"{Linux}/a.efi", $"{Linux}/b.efi", $"{Modules}/6.1", $"{Modules}/6.2"],
            detection.Candidates.Select(c => c.Path.ToString()));
        Assert.Equal([true, false, false, false], detection.Candidates.Select(c => c.Selected));
    }

    private KernelDetection Find()
    {
        using var root = DirectoryImageRoot.Open(_tree.Root);
        return KernelFinder.Find(root);
    }
}
