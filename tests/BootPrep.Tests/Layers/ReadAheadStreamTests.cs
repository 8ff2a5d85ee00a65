using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Layers;

namespace BootPrep.Tests.Layers;

public sealed class ReadAheadStreamTests
{
    [Fact]
    public void Bytes_arrive_whole_and_in_order_across_many_chunks()
    {
        var data = new byte[(5 * ReadAheadStream.ChunkSize) + 12345];
        new Random(13).NextBytes(data);
        using var stream = new ReadAheadStream(new SourceStream(data, failAt: null));

        var read = new MemoryStream();
        var buffer = new byte[7919];
        for (var size = 1; ; size = (size * 31 % buffer.Length) + 1)
        {
            var count = stream.Read(buffer, 0, size);
            if (count == 0)
            {
                break;
            }

            read.Write(buffer, 0, count);
        }

        Assert.Equal(data, read.ToArray());
        Assert.Equal(0, stream.Read(buffer));
    }

    [Fact]
    public void A_failure_comes_after_the_bytes_read_before_it_and_again_on_the_next_read()
    {
        var data = new byte[ReadAheadStream.ChunkSize + 1000];
        new Random(14).NextBytes(data);
        var inner = new SourceStream(data, failAt: data.Length);
        using var stream = new ReadAheadStream(inner);

        var read = new MemoryStream();
        var buffer = new byte[4096];
        var error = Assert.Throws<BootPrepException>(() =>
        {
            int count;
            while ((count = stream.Read(buffer)) > 0)
            {
                read.Write(buffer, 0, count);
            }
        });

        Assert.Equal(data, read.ToArray());
        Assert.Same(inner.Thrown, error);
        Assert.Same(error, Assert.Throws<BootPrepException>(() => stream.Read(buffer)));
    }

    [Fact]
    public void Disposing_before_the_end_stops_the_thread_and_then_closes_the_inner_stream()
    {
        var inner = new SourceStream(new byte[20 * ReadAheadStream.ChunkSize], failAt: null);
        var stream = new ReadAheadStream(inner);
        stream.ReadExactly(new byte[100]);

        stream.Dispose();
        var readsAtDispose = inner.Reads;
        Thread.Sleep(50);

        Assert.True(inner.Disposed);
        Assert.False(inner.ReadWhileDisposed);
        Assert.Equal(readsAtDispose, inner.Reads);
    }

    [Fact]
    public void Disposing_during_a_slow_read_waits_for_it_before_closing_the_inner_stream()
    {
        var inner = new SourceStream(new byte[4 * ReadAheadStream.ChunkSize], failAt: null) { Delay = TimeSpan.FromMilliseconds(20) };
        var stream = new ReadAheadStream(inner);

        stream.Dispose();

        Assert.True(inner.Disposed);
        Assert.False(inner.ReadWhileDisposed);
    }

    // Hands out its bytes in reads of varying sizes, optionally throwing a decompressor's error at one offset, and
    // records whether it is read while or after it is disposed.
    private sealed class SourceStream(byte[] data, int? failAt) : ReadOnlyStream
    {
        private int _position;
        private int _reading;

        public TimeSpan Delay { get; init; }

        public int Reads { get; private set; }

        public BootPrepException? Thrown { get; private set; }

        public bool Disposed { get; private set; }

        public bool ReadWhileDisposed { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            Interlocked.Increment(ref _reading);
            try
            {
                ReadWhileDisposed |= Disposed;
                Reads++;
                Thread.Sleep(Delay);
                if (_position == failAt)
                {
                    Thrown = new BootPrepException(BootPrepErrorKind.InvalidImage, "layer sha256:0123", "the layer's gzip data is corrupt or cut short");
                    throw Thrown;
                }

                var count = Math.Min(Math.Min(buffer.Length, 1 + (Reads * 7717 % 70000)), (failAt ?? data.Length) - _position);
                data.AsSpan(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }
            finally
            {
                Interlocked.Decrement(ref _reading);
            }
        }

        protected override void Dispose(bool disposing)
        {
            ReadWhileDisposed |= Volatile.Read(ref _reading) > 0;
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
