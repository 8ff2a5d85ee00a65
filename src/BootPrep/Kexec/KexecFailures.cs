using BootPrep.Architectures;
using BootPrep.Errors;
using BootPrep.Native;

namespace BootPrep.Kexec;

/// <summary>
/// Turns the errno of a failed kexec_file_load(2) into an error that names the cause and the remedy. EPERM has three
/// causes the kernel does not tell apart; the facts read before the call do (kernel/kexec_file.c, kexec_file_load(2)).
/// </summary>
public static class KexecFailures
{
    private const BootPrepErrorKind NotPermitted = BootPrepErrorKind.KexecNotPermitted;
    private const BootPrepErrorKind Signature = BootPrepErrorKind.KexecSignatureRejected;
    private const BootPrepErrorKind ImageRejected = BootPrepErrorKind.KexecImageRejected;
    private const BootPrepErrorKind Failed = BootPrepErrorKind.KexecFailed;

    /// <summary>The error for <paramref name="errno"/> from loading <paramref name="what"/>, given the system's <paramref name="facts"/>.</summary>
    public static BootPrepException Classify(Errno errno, KexecFacts facts, string what)
    {
        var (kind, message) = errno switch
        {
            Errno.EPERM when facts.CapSysBoot == false => (NotPermitted, "EPERM: this process lacks CAP_SYS_BOOT; run bootprep stage as root"),
            Errno.EPERM when facts.KexecLoadDisabled == true =>
                (NotPermitted, "EPERM: /proc/sys/kernel/kexec_load_disabled is 1, which stays until the next reboot; reboot normally instead"),
            Errno.EPERM when facts.Lockdown is "integrity" or "confidentiality" => (
                BootPrepErrorKind.KexecLockdown,
                $"EPERM: kernel lockdown ({facts.Lockdown}) refuses a kernel whose signature it cannot verify; sign it with a key the kernel trusts (its .builtin_trusted_keys, .secondary or .platform keyring, e.g. enrolled in the firmware db or as a MOK) or reboot normally"),
            Errno.EPERM => (NotPermitted, "EPERM: the kernel does not permit the load (a security module may refuse it)"),
            Errno.EKEYREJECTED => (Signature, "EKEYREJECTED: the key that signed the kernel is rejected (revoked or blacklisted)"),
            Errno.ENOKEY => (Signature, "ENOKEY: the kernel's signer is not in any keyring the kernel trusts; enroll the signing certificate (MOK or firmware db)"),
            Errno.EBADMSG => (Signature, "EBADMSG: the kernel's signature is malformed"),
            Errno.ENODATA => (Signature, "ENODATA: the kernel carries no signature, and this kernel requires one (CONFIG_KEXEC_SIG_FORCE)"),
            Errno.ELIBBAD => (Signature, "ELIBBAD: the PE structure around the kernel's signature is invalid"),
            Errno.ENOEXEC => (ImageRejected, "ENOEXEC: the kernel does not recognise the image format (it loads an x86 bzImage or an arm64 Image)"),
            Errno.EINVAL when facts.Cpu == CpuArchitecture.Arm64 => (ImageRejected, "EINVAL: the kernel does not recognise the image format (it loads an uncompressed arm64 Image)"),
            Errno.EINVAL => (Failed, "EINVAL: the kernel refused the arguments: the command line may be longer than it accepts"),
            Errno.EBUSY => (BootPrepErrorKind.KexecBusy, "EBUSY: another kexec load is in progress; try again when it is done"),
            Errno.ENOMEM => (Failed, "ENOMEM: not enough memory to hold the kernel and initrd where the kernel needs them"),
            Errno.EFBIG => (Failed, "EFBIG: the kernel or initrd is larger than the kernel accepts"),
            Errno.ETXTBSY => (Failed, "ETXTBSY: the kernel or initrd file is open for writing elsewhere"),
            Errno.EBADF => (Failed, "EBADF: a file descriptor was not valid"),
            Errno.ENOSYS => (BootPrepErrorKind.Unsupported, "ENOSYS: this kernel lacks kexec_file_load (CONFIG_KEXEC_FILE)"),
            _ => (Failed, $"errno {(int)errno}: {errno.Describe()}"),
        };
        return new BootPrepException(kind, what, "kexec_file_load: " + message);
    }

    /// <summary>True when the kernel refused the format, so that splitting a UKI or decompressing a kernel may help.</summary>
    public static bool IsFormatRefusal(Errno errno, KexecFacts facts) =>
        errno == Errno.ENOEXEC || (errno == Errno.EINVAL && facts.Cpu == CpuArchitecture.Arm64);
}
