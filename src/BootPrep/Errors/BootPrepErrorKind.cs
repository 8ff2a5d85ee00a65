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

    /// <summary>The operation needs a facility this system lacks.</summary>
    Unsupported,
}
