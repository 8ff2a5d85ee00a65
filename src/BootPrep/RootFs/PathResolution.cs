namespace BootPrep.RootFs;

/// <summary>How <see cref="DirectoryImageRoot"/> keeps paths inside the root.</summary>
internal enum PathResolution
{
    /// <summary>openat2(2) with RESOLVE_IN_ROOT where the kernel has it, else <see cref="UserSpace"/>.</summary>
    Auto,

    /// <summary>Only openat2(2) with RESOLVE_IN_ROOT (Linux 5.6 and later).</summary>
    Kernel,

    /// <summary>Only <see cref="InRootResolver"/> over O_PATH|O_NOFOLLOW descriptors.</summary>
    UserSpace,
}
