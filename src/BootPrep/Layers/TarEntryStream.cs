using BootPrep.Layers.Tar;

namespace BootPrep.Layers;

/// <summary>The data of one tar entry as a read-only stream; it owns the streams beneath the reader.</summary>
internal sealed class TarEntryStream(SafeTarReader reader, long length, params Stream[] owned) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = reader.ReadData(buffer);
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var stream in owned)
            {
                stream.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
