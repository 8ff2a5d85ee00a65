using BootPrep.Native;

namespace BootPrep.Layers;

/// <summary>
/// The data of a file that a layer's verified pass kept, so that reading it needs no second pass: small files'
/// bytes in memory, kernel-sized files in a memory file, or (inspect's layer cache) a file of the cache.
/// </summary>
internal abstract record KeptData
{
    private protected KeptData()
    {
    }

    /// <summary>The data, from its start.</summary>
    public abstract Stream Open();

    /// <summary>A small file's bytes.</summary>
    /// <param name="Bytes">The bytes.</param>
    public sealed record Inline(byte[] Bytes) : KeptData
    {
        /// <summary>A file with no data.</summary>
        public static Inline Empty { get; } = new([]);

        /// <inheritdoc/>
        public override Stream Open() => new MemoryStream(Bytes, writable: false);
    }

    /// <summary>A file copied into a memory file; whoever merges the layer owns it.</summary>
    /// <param name="File">The memory file.</param>
    /// <param name="Sha256">The sha256 of its data, hashed as the verified pass copied it, which its readers are told.</param>
    public sealed record Captured(MemoryFile File, string Sha256) : KeptData
    {
        /// <inheritdoc/>
        public override Stream Open() => File.OpenReader(Sha256);
    }
}
