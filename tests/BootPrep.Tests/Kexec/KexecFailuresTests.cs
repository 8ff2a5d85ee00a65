using BootPrep.Errors;
using BootPrep.Kexec;
using BootPrep.Native;

namespace BootPrep.Tests.Kexec;

public sealed class KexecFailuresTests
{
    private static readonly KexecFacts s_root = new("x86_64", 320, false, false, "none", "disabled", CapSysBoot: true, KexecLoadDisabled: false);

    [Theory]
    [InlineData(1, "KexecNotPermitted", "EPERM: the kernel does not permit the load")]
    [InlineData(129, "KexecSignatureRejected", "EKEYREJECTED: the key that signed the kernel is rejected")]
    [InlineData(126, "KexecSignatureRejected", "ENOKEY: the kernel's signer is not in any keyring the kernel trusts")]
    [InlineData(74, "KexecSignatureRejected", "EBADMSG: the kernel's signature is malformed")]
    [InlineData(61, "KexecSignatureRejected", "ENODATA: the kernel carries no signature")]
    [InlineData(80, "KexecSignatureRejected", "ELIBBAD: the PE structure around the kernel's signature is invalid")]
    [InlineData(8, "KexecImageRejected", "ENOEXEC: the kernel does not recognise the image format")]
    [InlineData(22, "KexecFailed", "EINVAL: the kernel refused the arguments")]
    [InlineData(16, "KexecBusy", "EBUSY: another kexec load is in progress")]
    [InlineData(12, "KexecFailed", "ENOMEM: not enough memory")]
    [InlineData(27, "KexecFailed", "EFBIG: the kernel or initrd is larger than the kernel accepts")]
    [InlineData(26, "KexecFailed", "ETXTBSY: the kernel or initrd file is open for writing elsewhere")]
    [InlineData(38, "Unsupported", "ENOSYS: this kernel lacks kexec_file_load")]
    [InlineData(5, "KexecFailed", "errno 5: ")]
    public void Each_errno_has_its_own_error(int errno, string kind, string message)
    {
        var error = KexecFailures.Classify((Errno)errno, s_root, "vmlinuz");

        Assert.Equal((Enum.Parse<BootPrepErrorKind>(kind), "vmlinuz"), (error.Kind, error.Path));
        Assert.StartsWith("kexec_file_load: " + message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eperm_without_cap_sys_boot_says_to_run_as_root()
    {
        var error = KexecFailures.Classify(Errno.EPERM, s_root with { CapSysBoot = false, Lockdown = "integrity" }, "vmlinuz");

        Assert.Equal(BootPrepErrorKind.KexecNotPermitted, error.Kind);
        Assert.Contains("lacks CAP_SYS_BOOT; run bootprep stage as root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eperm_with_kexec_load_disabled_says_it_lasts_until_reboot()
    {
        var error = KexecFailures.Classify(Errno.EPERM, s_root with { KexecLoadDisabled = true, Lockdown = "integrity" }, "vmlinuz");

        Assert.Equal(BootPrepErrorKind.KexecNotPermitted, error.Kind);
        Assert.Contains("kexec_load_disabled is 1, which stays until the next reboot", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("integrity")]
    [InlineData("confidentiality")]
    public void Eperm_under_lockdown_is_the_lockdown_error(string mode)
    {
        var error = KexecFailures.Classify(Errno.EPERM, s_root with { Lockdown = mode }, "vmlinuz");

        Assert.Equal(BootPrepErrorKind.KexecLockdown, error.Kind);
        Assert.Contains($"kernel lockdown ({mode}) refuses a kernel whose signature it cannot verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Einval_on_arm64_is_an_image_format_refusal()
    {
        var arm64 = s_root with { Architecture = "aarch64", SyscallNumber = 294 };

        Assert.Equal(BootPrepErrorKind.KexecImageRejected, KexecFailures.Classify(Errno.EINVAL, arm64, "Image").Kind);
        Assert.True(KexecFailures.IsFormatRefusal(Errno.EINVAL, arm64));
        Assert.False(KexecFailures.IsFormatRefusal(Errno.EINVAL, s_root));
        Assert.True(KexecFailures.IsFormatRefusal(Errno.ENOEXEC, s_root));
    }
}
