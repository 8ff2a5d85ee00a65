namespace BootPrep.Native;

/// <summary>The special files <see cref="DirectoryHandle.MakeNode"/> makes.</summary>
internal enum SpecialFileKind
{
    /// <summary>A named pipe.</summary>
    Fifo,

    /// <summary>A character device.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,
}
