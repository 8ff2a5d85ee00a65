namespace BootPrep.Binary;

/// <summary>
/// A stream of a file whose sha256 a verified source states (a zstd:chunked layer's table of contents, checked
/// against its manifest), so that a reader wanting the digest and the first bytes need not fetch the rest.
/// </summary>
public interface IStatedSha256
{
    /// <summary>The sha256 of the file's whole data, lower-case hex; null when the source states another digest.</summary>
    string? Sha256 { get; }
}
