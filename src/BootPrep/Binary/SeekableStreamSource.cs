namespace BootPrep.Binary;

/// <summary>The adapter for a seekable stream without a file descriptor (bytes in memory): each read seeks, under a lock.</summary>
internal sealed class SeekableStreamSource(Stream stream) : RandomAccessSource
{
    public override long Length { get; } = stream.Length;

    public override int Read(Span<byte> buffer, long offset)
    {
        lock (stream)
        {
            stream.Position = offset;
            return stream.Read(buffer);
        }
    }
}
