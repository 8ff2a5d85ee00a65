namespace BootPrep.Kexec;

/// <summary>One piece of what is handed to the kernel: where the bytes come from, how many, and their digest.</summary>
/// <param name="Source">The file (relative to the image root), with the section in parentheses for a part of a UKI; or a host path.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The sha256 of its bytes.</param>
public sealed record StagePiece(string Source, long Size, string Sha256);
