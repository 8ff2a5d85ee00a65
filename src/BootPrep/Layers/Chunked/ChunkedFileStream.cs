using System.IO.Compression;
using System.Security.Cryptography;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Native;
using BootPrep.Sources;

namespace BootPrep.Layers.Chunked;

/// <summary>
/// A file of a zstd:chunked or eStargz layer, fetched from the blob as it is read: a chunk is decoded whole and checked against
/// its digest before any of its bytes are handed out, and the whole file against its digest at the end. The first
/// chunk is fetched alone (a reader of a file's first bytes costs one chunk), the rest in one range.
/// </summary>
internal sealed class ChunkedFileStream : ReadOnlyStream, IStatedSha256
{
    private readonly IImageFiles _files;
    private readonly string _path;
    private readonly ChunkedFile _file;
    private readonly ChunkCompression _compression;
    private readonly string _what;
    private readonly IncrementalHash _whole;
    private readonly byte[] _buffer = new byte[1 << 16];
    private Stream? _range;
    private MemoryFile? _chunkFile;
    private Stream? _chunk;
    private int _next;
    private bool _verified;

    public ChunkedFileStream(IImageFiles files, string blobPath, ChunkedFile file, ChunkCompression compression, string what)
    {
        _files = files;
        _path = blobPath;
        _file = file;
        _compression = compression;
        _what = $"{what}: {file.Name}";
        _whole = IncrementalHash.CreateHash(file.Digest.HashAlgorithm);
    }

    /// <inheritdoc/>
    public string? Sha256 => _file.Digest.Algorithm == "sha256" ? _file.Digest.Hex : null;

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (_chunk is not null && _chunk.Read(buffer) is > 0 and var read)
            {
                _whole.AppendData(buffer[..read]);
                return read;
            }

            if (_next == _file.Chunks.Count)
            {
                VerifyWhole();
                return 0;
            }

            Load(_file.Chunks[_next++]);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunk?.Dispose();
            _chunkFile?.Dispose();
            _range?.Dispose();
            _whole.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Load(FileChunk chunk)
    {
        _chunk?.Dispose();
        _chunkFile?.Dispose();
        _chunk = null;
        _chunkFile = null;
        if (_range is null || _next == 2)
        {
            _range?.Dispose();
            var last = _next == 1 ? chunk : _file.Chunks[^1];
            _range = _files.OpenRange(_path, chunk.Offset, last.End - chunk.Offset)
                ?? throw new BootPrepException(BootPrepErrorKind.InvalidImage, _what, "the registry no longer answers range requests for this layer");
        }

        var where = $"{_what} (chunk at {chunk.DataOffset})";
        var file = MemoryFile.Create("chunk");
        try
        {
            using (var window = new Window(_range, chunk.End - chunk.Offset, where))
            using (var decoded = Decoder(window, where))
            using (var hash = IncrementalHash.CreateHash(chunk.Digest.HashAlgorithm))
            {
                Copy(decoded, file.Writer, hash, chunk.Size, _buffer, where);
                if (_compression == ChunkCompression.Zstd)
                {
                    ChunkReads.EnsureEnded(decoded, chunk.Size, where);
                }

                window.Drain();
                var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (actual != chunk.Digest.Hex)
                {
                    throw new BootPrepException(BootPrepErrorKind.DigestMismatch, where, $"its data hashes to {chunk.Digest.Algorithm}:{actual}, not {chunk.Digest} as the table of contents says");
                }
            }

            _chunk = file.OpenReader();
            _chunkFile = file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private DecodedStream Decoder(Window window, string where) => _compression == ChunkCompression.Gzip
        ? new DecodedStream(new GZipStream(window, CompressionMode.Decompress, leaveOpen: true), "gzip", where)
        : new DecodedStream(ZstdDecoder.Open(window), "zstd", where);

    private static void Copy(Stream from, Stream to, IncrementalHash hash, long size, byte[] buffer, string where)
    {
        for (long left = size; left > 0;)
        {
            var read = from.Read(buffer, 0, (int)Math.Min(left, buffer.Length));
            if (read == 0)
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, where, $"{size - left} bytes where the table of contents states {size}");
            }

            hash.AppendData(buffer, 0, read);
            to.Write(buffer, 0, read);
            left -= read;
        }
    }

    private void VerifyWhole()
    {
        if (_verified)
        {
            return;
        }

        var actual = Convert.ToHexStringLower(_whole.GetHashAndReset());
        if (actual != _file.Digest.Hex)
        {
            throw new BootPrepException(BootPrepErrorKind.DigestMismatch, _what, $"its data hashes to {_file.Digest.Algorithm}:{actual}, not {_file.Digest} as the table of contents says");
        }

        _verified = true;
    }

    /// <summary>The next <c>length</c> bytes of a range, so that a chunk's decoder cannot read into the next chunk.</summary>
    private sealed class Window(Stream inner, long length, string what) : ReadOnlyStream
    {
        private long _left = length;

        public override int Read(Span<byte> buffer)
        {
            if (_left == 0)
            {
                return 0;
            }

            var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            if (read == 0)
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, "the registry's answer ended before the chunk did");
            }

            _left -= read;
            return read;
        }

        /// <summary>Reads what the decoder left (padding after a zstd frame; the rest of an eStargz chunk's gzip member).</summary>
        public void Drain()
        {
            Span<byte> buffer = stackalloc byte[4096];
            while (Read(buffer) > 0)
            {
            }
        }
    }
}
