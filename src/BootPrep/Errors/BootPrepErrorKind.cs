namespace BootPrep.Errors;

/// <summary>What went wrong, so that callers can tell failures apart without parsing messages.</summary>
public enum BootPrepErrorKind
{
    /// <summary>A path that must exist does not.</summary>
    NotFound,

    /// <summary>A path that must be a directory is something else.</summary>
    NotADirectory,

    /// <summary>A path that must be a regular file is something else.</summary>
    NotARegularFile,

    /// <summary>The operating system refused to read a path (permissions, I/O error).</summary>
    Unreadable,

    /// <summary>Resolving a path met more symbolic links than the kernel allows (a loop).</summary>
    SymlinkLoop,

    /// <summary>More than one directory in usr/lib/modules holds a kernel.</summary>
    AmbiguousKernel,

    /// <summary>A usr/lib/bootc/kargs.d file is not what bootc accepts.</summary>
    InvalidKargs,

    /// <summary>An image's archive, index, manifest, config or layer is malformed or not of a supported kind.</summary>
    InvalidImage,

    /// <summary>A blob's size or sha256 digest, or a layer's diff_id, is not what the image says.</summary>
    DigestMismatch,

    /// <summary>The reference or platform asked for is not in the image, or the choice is ambiguous.</summary>
    ImageNotFound,

    /// <summary>The kernel or UKI is not what its format requires, or lacks a part the command needs.</summary>
    InvalidKernel,

    /// <summary>Writing the output (an unpacked root) failed, or its target is not usable.</summary>
    WriteFailed,

    /// <summary>The operation needs a facility this system lacks.</summary>
    Unsupported,

    /// <summary>The kernel does not let this process load a kernel: no CAP_SYS_BOOT, or kexec_load_disabled is set.</summary>
    KexecNotPermitted,

    /// <summary>Kernel lockdown refuses a kernel whose signature it cannot verify.</summary>
    KexecLockdown,

    /// <summary>The kernel checked the image's signature and rejected it (no key, bad signature, no signature).</summary>
    KexecSignatureRejected,

    /// <summary>The kernel does not recognise the image format it was given.</summary>
    KexecImageRejected,

    /// <summary>Another kexec load is in progress.</summary>
    KexecBusy,

    /// <summary>The host's ostree state (its staged deployment, a boot entry, a deployment) is malformed, or names what is not there.</summary>
    InvalidDeployment,

    /// <summary>The staged deployment is locked: ostree will not finalize it at shutdown, so it is not what boots next.</summary>
    DeploymentLocked,

    /// <summary>After shutdown's finalization, the default entry is not the deployment bootprep staged; the staged kernel was unloaded.</summary>
    NotFinalized,

    /// <summary>A registry cannot be reached: no connection, a name that does not resolve, TLS, a timeout, an unexpected status.</summary>
    Unreachable,

    /// <summary>A registry refused access: no credentials, or wrong ones.</summary>
    Unauthorized,

    /// <summary>The kernel refused the load for another documented reason (memory, size, a file open for writing).</summary>
    KexecFailed,
}
