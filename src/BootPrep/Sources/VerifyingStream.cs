using BootPrep.Binary;
using System.Security.Cryptography;
using BootPrep.Errors;

namespace BootPrep.Sources;

/// <summary>
/// A read-only stream that hashes and counts what passes through it, so that a blob's digest and size are
/// checked in the same pass that reads it. <see cref="Verify"/> reads what is left and compares.
/// </summary>
internal sealed class VerifyingStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly Digest? _expected;
    private readonly long? _expectedSize;
    private readonly string _what;
    private readonly IncrementalHash? _hash;
    private byte[] _peeked = [];
    private int _peekedOffset;
    private long _count;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="what"/> names the blob in errors.</summary>
    public VerifyingStream(Stream inner, Digest? expected, long? expectedSize, string what)
    {
        _inner = inner;
        _expected = expected;
        _expectedSize = expectedSize;
        _what = what;
        _hash = expected is null ? null : IncrementalHash.CreateHash(expected.HashAlgorithm);
    }

    public override long Position
    {
        get => _count - (_peeked.Length - _peekedOffset);
        set => throw new NotSupportedException();
    }

    /// <summary>Returns up to <paramref name="count"/> bytes from the start of what is left, without consuming them.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        var buffer = new byte[count];
        var read = 0;
        int last;
        while (read < count && (last = ReadFromInner(buffer.AsSpan(read))) > 0)
        {
            read += last;
        }

        _peeked = buffer[..read];
        _peekedOffset = 0;
        return _peeked;
    }

    /// <summary>Reads to the end and throws <see cref="BootPrepException"/> when the size or digest differs from the expected one.</summary>
    public void Verify()
    {
        var buffer = new byte[64 * 1024];
        while (Read(buffer, 0, buffer.Length) > 0)
        {
        }

        if (_expectedSize is { } size && size != _count)
        {
            throw new BootPrepException(BootPrepErrorKind.DigestMismatch, _what, $"size is {_count} bytes, but the image says {size}");
        }

        if (_expected is not null && _hash is not null)
        {
            var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
            if (actual != _expected.Hex)
            {
                throw new BootPrepException(BootPrepErrorKind.DigestMismatch, _what, $"content digest is {_expected.Algorithm}:{actual}, but the image says {_expected}");
            }
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (_peekedOffset < _peeked.Length)
        {
            var fromPeek = Math.Min(buffer.Length, _peeked.Length - _peekedOffset);
            _peeked.AsSpan(_peekedOffset, fromPeek).CopyTo(buffer);
            _peekedOffset += fromPeek;
            return fromPeek;
        }

        return ReadFromInner(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _hash?.Dispose();
        }

        base.Dispose(disposing);
    }

    private int ReadFromInner(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        // Stop at the stated size: bytes beyond it are never decompressed or trusted (docker's
        // CVE-2017-14992 decompressed unverified data without bound).
        if (_expectedSize is { } size && _count + read > size)
        {
            throw new BootPrepException(BootPrepErrorKind.DigestMismatch, _what, $"is larger than the {size} bytes the image says");
        }

        _hash?.AppendData(buffer[..read]);
        _count += read;
        return read;
    }
}
