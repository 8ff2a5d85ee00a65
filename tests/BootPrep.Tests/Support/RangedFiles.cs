using BootPrep.Binary;
using BootPrep.Sources;

namespace BootPrep.Tests.Support;

/// <summary>
/// An OCI layout read as a registry serves it: blobs whole or in ranges (or, when told, never in ranges), counting every
/// byte handed out and, when told, flipping one byte of one blob, as a hostile or damaged registry would.
/// </summary>
internal sealed class RangedFiles(string layout, bool ranges = true, (string Blob, long Offset)? flip = null) : IImageFiles
{
    private readonly DirectoryFiles _files = new(layout);
    private long _fetched;

    /// <summary>The bytes handed out so far.</summary>
    public long Fetched => Interlocked.Read(ref _fetched);

    public string Location => _files.Location;

    public bool IsArchive => false;

    public bool Exists(string path) => _files.Exists(path);

    public Stream Open(string path) => new Served(_files.Open(path), 0, Flip(path), this);

    public Stream? OpenRange(string path, long offset, long length) =>
        ranges ? new Served(new BoundedStream(_files.Open(path), offset, length), offset, Flip(path), this) : null;

    private long? Flip(string path) => flip is { } at && path.EndsWith(at.Blob, StringComparison.Ordinal) ? at.Offset : null;

    private sealed class Served(Stream inner, long start, long? flip, RangedFiles files) : Stream
    {
        private long _position = start;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            if (flip is { } at && at >= _position && at < _position + read)
            {
                buffer[(int)(at - _position)] ^= 0x5a;
            }

            _position += read;
            Interlocked.Add(ref files._fetched, read);
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
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
