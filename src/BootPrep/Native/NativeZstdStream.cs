using System.Runtime.InteropServices;
using BootPrep.Binary;
using Microsoft.Win32.SafeHandles;

namespace BootPrep.Native;

/// <summary>
/// libzstd's streaming decompression as a read-only stream over a compressed one, concatenated frames included.
/// Corrupt data is an <see cref="InvalidDataException"/>, data that stops mid-frame an <see cref="EndOfStreamException"/>.
/// </summary>
internal sealed class NativeZstdStream : ReadOnlyStream
{
    private const int InputSize = 128 * 1024;

    private readonly Stream _compressed;
    private readonly DStreamHandle _stream;
    private readonly byte[] _input = new byte[InputSize];
    private int _inputLength;
    private int _inputPosition;
    private bool _endOfInput;
    private bool _frameOpen;

    public NativeZstdStream(Stream compressed)
    {
        _compressed = compressed;
        _stream = new DStreamHandle(Interop.Zstd.CreateDStream());
        if (_stream.IsInvalid)
        {
            throw new OutOfMemoryException("ZSTD_createDStream failed");
        }
    }

    public override unsafe int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_inputPosition == _inputLength && !_endOfInput)
            {
                _inputLength = _compressed.Read(_input);
                _inputPosition = 0;
                _endOfInput = _inputLength == 0;
            }

            if (_endOfInput && _inputPosition == _inputLength && !_frameOpen)
            {
                return 0;
            }

            var consumedBefore = _inputPosition;
            nuint written;
            nuint result;
            fixed (byte* output = buffer)
            fixed (byte* input = _input)
            {
                var outBuffer = new Interop.Zstd.Buffer { Data = output, Size = (nuint)buffer.Length, Position = 0 };
                var inBuffer = new Interop.Zstd.Buffer { Data = input, Size = (nuint)_inputLength, Position = (nuint)_inputPosition };
                result = Interop.Zstd.DecompressStream(_stream.DangerousGetHandle(), &outBuffer, &inBuffer);
                _inputPosition = (int)inBuffer.Position;
                written = outBuffer.Position;
            }

            if (Interop.Zstd.IsError(result) != 0)
            {
                throw new InvalidDataException(Marshal.PtrToStringUTF8(Interop.Zstd.GetErrorName(result)));
            }

            // 0: a frame has ended and is flushed (another may follow); otherwise the frame wants more. A call that
            // moved nothing (no input left) says nothing about the frame.
            if (written > 0 || _inputPosition > consumedBefore)
            {
                _frameOpen = result != 0;
            }

            if (written > 0)
            {
                return (int)written;
            }

            if (_endOfInput && _inputPosition == _inputLength)
            {
                return _frameOpen ? throw new EndOfStreamException("zstd data ends in the middle of a frame") : 0;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class DStreamHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public DStreamHandle(nint handle)
            : base(ownsHandle: true) => SetHandle(handle);

        protected override bool ReleaseHandle() => Interop.Zstd.FreeDStream(handle) == 0;
    }
}
