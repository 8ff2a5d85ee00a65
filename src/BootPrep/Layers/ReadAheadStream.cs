using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using BootPrep.Binary;

namespace BootPrep.Layers;

/// <summary>
/// Reads a stream on a thread of its own, a few chunks ahead of its reader, so that one layer uses two cores: the
/// file, its blob digest and the decompression on that thread, the diff_id digest and the tar on the reader's. The
/// reader sees the same bytes in the same order, and a failure of the inner stream where it happened, after the bytes
/// read before it. Disposing stops the thread and waits for it before the inner stream and the chunks are let go.
/// </summary>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    /// <summary>The size of a chunk the thread fills before handing it over.</summary>
    public const int ChunkSize = 256 * 1024;

    // Enough that neither side waits on the other while their speeds vary from chunk to chunk.
    private const int Chunks = 4;

    private readonly Stream _inner;
    private readonly byte[][] _buffers = new byte[Chunks][];
    private readonly BlockingCollection<byte[]> _empty = new(Chunks);

    // One more than the chunks: the end or a failure is posted after the last chunk without waiting for room.
    private readonly BlockingCollection<Chunk> _filled = new(Chunks + 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private Chunk _current = new([], 0, null);
    private int _offset;
    private bool _ended;
    private bool _disposed;

    /// <summary>Starts reading <paramref name="inner"/>, which this stream owns from now on.</summary>
    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        for (var i = 0; i < Chunks; i++)
        {
            _buffers[i] = ArrayPool<byte>.Shared.Rent(ChunkSize);
            _empty.Add(_buffers[i]);
        }

        _thread = new Thread(Fill) { IsBackground = true, Name = "layer read-ahead" };
        _thread.Start();
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_offset == _current.Length)
        {
            if (_ended)
            {
                _current.Failure?.Throw();
                return 0;
            }

            if (_current.Length > 0)
            {
                _empty.Add(_current.Buffer);
            }

            _current = _filled.Take();
            _offset = 0;
            _ended = _current.Length == 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.Buffer.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            _thread.Join();
            _inner.Dispose();
            foreach (var buffer in _buffers)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            _empty.Dispose();
            _filled.Dispose();
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    // The thread: fills chunks until the inner stream ends or fails, or the reader goes away.
    private void Fill()
    {
        var stop = _stop.Token;
        try
        {
            while (true)
            {
                var buffer = _empty.Take(stop);
                var length = 0;
                try
                {
                    int read;
                    while (length < buffer.Length && (read = _inner.Read(buffer.AsSpan(length))) > 0)
                    {
                        length += read;
                    }
                }
                catch (Exception ex)
                {
                    if (length > 0)
                    {
                        _filled.Add(new Chunk(buffer, length, null), stop);
                    }

                    _filled.Add(new Chunk([], 0, ExceptionDispatchInfo.Capture(ex)), stop);
                    return;
                }

                if (length == 0)
                {
                    _filled.Add(new Chunk([], 0, null), stop);
                    return;
                }

                _filled.Add(new Chunk(buffer, length, null), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The reader was disposed; nobody waits for the rest.
        }
    }

    // A filled chunk; a length of 0 ends the stream, with the inner stream's failure if it failed.
    private readonly record struct Chunk(byte[] Buffer, int Length, ExceptionDispatchInfo? Failure);
}
