namespace BootPrep.Native;

/// <summary>Why a descriptor could not be opened, with errno already sorted into what callers act on.</summary>
internal enum OpenFailure
{
    /// <summary>The open succeeded.</summary>
    None,

    /// <summary>ENOENT or ENOTDIR on the way: the path is not there.</summary>
    NotFound,

    /// <summary>ELOOP: too many symbolic links.</summary>
    Loop,

    /// <summary>EACCES or EPERM on a path.</summary>
    AccessDenied,

    /// <summary>ENOSYS, or EPERM from a seccomp filter on openat2: the kernel cannot resolve in root.</summary>
    Unsupported,

    /// <summary>Anything else; the message says what.</summary>
    Other,
}
