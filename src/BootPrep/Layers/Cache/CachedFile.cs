using BootPrep.Binary;

namespace BootPrep.Layers.Cache;

/// <summary>A file's data kept in the layer cache (named by its sha256, checked by size when its summary is loaded).</summary>
/// <param name="Path">The cache file.</param>
/// <param name="Sha256">The sha256 of the data, computed in the verified pass that kept it.</param>
internal sealed record CachedFile(string Path, string Sha256) : KeptData
{
    /// <summary>The data, seekable, with its digest stated so that a reader wanting only the digest need not read it.</summary>
    public override Stream Open() => new Reader(Path, Sha256);

    private sealed class Reader(string path, string sha256) : FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess), IStatedSha256
    {
        public string? Sha256 => sha256;
    }
}
