namespace BootPrep.Binary;

/// <summary>
/// Bytes read by position, with no position shared between readers: a file descriptor read with pread(2)
/// (<see cref="RandomAccess"/>), or, for the few sources that have none (bytes kept in memory), a seekable stream
/// behind a lock.
/// </summary>
public abstract class RandomAccessSource
{
    /// <summary>How many bytes there are.</summary>
    public abstract long Length { get; }

    /// <summary>The source of a seekable stream's bytes: its file descriptor when it has one.</summary>
    public static RandomAccessSource Of(Stream stream) =>
        stream is FileStream { SafeFileHandle: var handle } ? new FileHandleSource(handle) : new SeekableStreamSource(stream);

    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="offset"/>; returns how many bytes it read (0 at the end).</summary>
    public abstract int Read(Span<byte> buffer, long offset);
}
