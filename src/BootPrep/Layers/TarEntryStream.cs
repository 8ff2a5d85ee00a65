using BootPrep.Tar;
using BootPrep.Sources;

namespace BootPrep.Layers;

/// <summary>The data of one tar entry as a read-only stream; it owns the streams beneath the reader.</summary>
internal sealed class TarEntryStream(SafeTarReader reader, long length, params Stream[] owned) : ReadOnlyStream
{
    private long _position;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var read = reader.ReadData(buffer);
        _position += read;
        return read;
    }

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
