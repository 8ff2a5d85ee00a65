using System.Security.Cryptography;
using BootPrep.Binary;
using BootPrep.Native;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Kexec;

/// <summary>
/// A kernel or initrd being assembled in memory for kexec_file_load: pieces appended in order (each padded to 4
/// bytes, as cpio archives that follow each other must be), each measured and hashed on the way in.
/// </summary>
internal sealed class LoadFile : IDisposable
{
    private const int Alignment = 4;

    private readonly MemoryFile _file;
    private readonly List<StagePiece> _pieces = [];
    private long _length;

    public LoadFile(string name)
    {
        _file = MemoryFile.Create(name);
    }

    /// <summary>The pieces so far.</summary>
    public IReadOnlyList<StagePiece> Pieces => _pieces;

    /// <summary>The size so far, padding included.</summary>
    public long Length => _length;

    /// <summary>Appends a stream's bytes (read to its end) as the piece named <paramref name="source"/>.</summary>
    public void Append(string source, Stream content) => Append(source, destination => content.CopyTo(destination));

    /// <summary>Appends a range of a file as the piece named <paramref name="source"/>.</summary>
    public void Append(string source, FileRange content) => Append(source, content.CopyTo);

    /// <summary>The sealed, read-only handle to pass to the kernel.</summary>
    public SafeFileHandle Seal() => _file.Seal();

    /// <summary>A seekable stream over the sealed content.</summary>
    public Stream OpenReader() => _file.OpenReader();

    public void Dispose() => _file.Dispose();

    private void Append(string source, Action<Stream> copy)
    {
        var padding = (int)((Alignment - (_length % Alignment)) % Alignment);
        _file.Writer.Write(new byte[padding]);
        _length += padding;
        using var hashing = new HashingStream(_file.Writer);
        copy(hashing);
        _pieces.Add(new StagePiece(source, hashing.Length, Convert.ToHexStringLower(hashing.Hash.GetHashAndReset())));
        _length += hashing.Length;
    }

    /// <summary>Passes writes through to another stream, hashing and counting them.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private long _written;

        public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position
        {
            get => _written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Hash.AppendData(buffer);
            _written += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
