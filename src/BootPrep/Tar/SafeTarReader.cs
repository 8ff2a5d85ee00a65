using System.Buffers;
using System.Globalization;
using BootPrep.Errors;

namespace BootPrep.Tar;

/// <summary>
/// A forward-only tar reader for untrusted archives: ustar, GNU (long names, base-256 numbers) and PAX headers,
/// with every length checked against a cap before anything is allocated, and one error type for bad input.
/// It reads entries in order and never seeks, so it works over decompression streams.
/// </summary>
public sealed class SafeTarReader
{
    /// <summary>The largest PAX extended header accepted.</summary>
    public const int MaxPaxHeaderSize = 1024 * 1024;

    /// <summary>The longest name or link target accepted (from a GNU long-name entry or a PAX record).</summary>
    public const int MaxNameLength = 64 * 1024;

    private const int BlockSize = 512;
    private const int NameOffset = 0, NameLength = 100;
    private const int ModeOffset = 100, ModeLength = 8;
    private const int UidOffset = 108, UidLength = 8;
    private const int GidOffset = 116, GidLength = 8;
    private const int SizeOffset = 124, SizeLength = 12;
    private const int MtimeOffset = 136, MtimeLength = 12;
    private const int ChecksumOffset = 148, ChecksumLength = 8;
    private const int TypeOffset = 156;
    private const int LinkNameOffset = 157, LinkNameLength = 100;
    private const int MagicOffset = 257;
    private const int DevMajorOffset = 329, DevMajorLength = 8;
    private const int DevMinorOffset = 337, DevMinorLength = 8;
    private const int PrefixOffset = 345, PrefixLength = 155;
    private const long MaxEntrySize = 1L << 50;

    private readonly Stream _stream;
    private readonly string _source;
    private readonly byte[] _block = new byte[BlockSize];
    private byte[] _special = new byte[BlockSize];
    private long _position;
    private long _dataRemaining;
    private long _padding;
    private bool _ended;

    /// <summary>Reads tar entries from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public SafeTarReader(Stream stream, string source)
    {
        _stream = stream;
        _source = source;
    }

    /// <summary>The number of bytes consumed from the stream so far.</summary>
    public long Position => _position;

    /// <summary>The next entry, or null at the end of the archive. Unread data of the previous entry is skipped.</summary>
    public TarHeader? Next()
    {
        if (_ended)
        {
            return null;
        }

        Skip(_dataRemaining);
        var padding = _padding;
        _dataRemaining = _padding = 0;

        // Some writers (umoci 0.4's insert among them) stop right after the last entry's data, without its
        // padding or the end-of-archive blocks; Go's archive/tar and GNU tar read that as the end, and so does this.
        if (SkipUpTo(padding) < padding)
        {
            _ended = true;
            return null;
        }

        byte[]? longName = null, longLink = null;
        PaxRecords? pax = null;
        while (true)
        {
            if (!ReadBlock(allowEnd: true))
            {
                _ended = true;
                return null;
            }

            if (IsZero(_block))
            {
                // Two zero blocks end the archive; many writers stop after one, or pad further.
                _ended = true;
                return null;
            }

            VerifyChecksum();
            var type = _block[TypeOffset];
            var size = ParseNumber(_block.AsSpan(SizeOffset, SizeLength), "size");
            if (size < 0 || size > MaxEntrySize)
            {
                throw Bad($"entry size {size} is out of range");
            }

            switch (type)
            {
                case (byte)'L':
                    longName = ReadSpecial(size, MaxNameLength, "GNU long name").ToArray();
                    continue;
                case (byte)'K':
                    longLink = ReadSpecial(size, MaxNameLength, "GNU long link name").ToArray();
                    continue;
                case (byte)'x':
                    pax = ParsePax(ReadSpecial(size, MaxPaxHeaderSize, "PAX header"));
                    continue;
                case (byte)'g':
                    // Global PAX records (archive comments from git archive and the like) do not describe entries.
                    ReadSpecial(size, MaxPaxHeaderSize, "PAX global header");
                    continue;
                case (byte)'V':
                    Skip(Padded(size));
                    continue;
            }

            var header = BuildHeader(type, size, longName, longLink, pax);
            _dataRemaining = header.Size;
            _padding = Padded(header.Size) - header.Size;
            return header;
        }
    }

    /// <summary>Reads the current entry's data; returns 0 at its end.</summary>
    public int ReadData(Span<byte> buffer)
    {
        if (_dataRemaining == 0)
        {
            return 0;
        }

        var wanted = (int)Math.Min(buffer.Length, _dataRemaining);
        var read = _stream.Read(buffer[..wanted]);
        if (read == 0)
        {
            throw Truncated();
        }

        _position += read;
        _dataRemaining -= read;
        return read;
    }

    private TarHeader BuildHeader(byte type, long size, byte[]? longName, byte[]? longLink, PaxRecords? pax)
    {
        var entryType = type switch
        {
            (byte)'0' or 0 or (byte)'7' => TarEntryType.Regular,
            (byte)'1' => TarEntryType.HardLink,
            (byte)'2' => TarEntryType.Symlink,
            (byte)'3' => TarEntryType.CharacterDevice,
            (byte)'4' => TarEntryType.BlockDevice,
            (byte)'5' => TarEntryType.Directory,
            (byte)'6' => TarEntryType.Fifo,
            (byte)'S' => throw Bad("GNU sparse entries are not supported in image layers"),
            _ => throw Bad($"unsupported tar entry type '{(char)type}' (0x{type:x2})"),
        };

        var name = longName ?? UstarName();
        var linkName = longLink ?? CString(_block.AsSpan(LinkNameOffset, LinkNameLength)).ToArray();
        var uid = ParseNumber(_block.AsSpan(UidOffset, UidLength), "uid");
        var gid = ParseNumber(_block.AsSpan(GidOffset, GidLength), "gid");
        var mtime = ParseNumber(_block.AsSpan(MtimeOffset, MtimeLength), "mtime");
        if (pax is { } records)
        {
            name = records.Path ?? name;
            linkName = records.LinkPath ?? linkName;
            size = records.Size ?? size;
            uid = records.Uid ?? uid;
            gid = records.Gid ?? gid;
            mtime = records.ModificationTime ?? mtime;
        }

        if (name.Length == 0 || name.AsSpan().Contains((byte)0) || linkName.AsSpan().Contains((byte)0))
        {
            throw Bad("entry name is empty or holds a NUL byte");
        }

        if (size < 0 || size > MaxEntrySize)
        {
            throw Bad($"entry size {size} is out of range");
        }

        // Only regular files carry data; a size on anything else is padding to skip, never content.
        var dataSize = entryType == TarEntryType.Regular ? size : 0;
        if (entryType != TarEntryType.Regular && size > 0)
        {
            Skip(Padded(size));
        }

        return new TarHeader(
            name,
            linkName,
            entryType,
            dataSize,
            (int)(ParseNumber(_block.AsSpan(ModeOffset, ModeLength), "mode") & 0xFFF),
            uid,
            gid,
            mtime,
            (int)ParseNumber(_block.AsSpan(DevMajorOffset, DevMajorLength), "devmajor"),
            (int)ParseNumber(_block.AsSpan(DevMinorOffset, DevMinorLength), "devminor"),
            _position);
    }

    private byte[] UstarName()
    {
        var name = CString(_block.AsSpan(NameOffset, NameLength));
        // POSIX ustar ("ustar\0") splits long names into prefix "/" name; GNU ("ustar  ") uses that space otherwise.
        if (_block.AsSpan(MagicOffset, 6).SequenceEqual("ustar\0"u8))
        {
            var prefix = CString(_block.AsSpan(PrefixOffset, PrefixLength));
            if (!prefix.IsEmpty)
            {
                return [.. prefix, (byte)'/', .. name];
            }
        }

        return name.ToArray();
    }

    // Only the records that change what a header says are kept; the rest (xattrs, atime, ctime, ...) cost nothing.
    private PaxRecords ParsePax(ReadOnlySpan<byte> data)
    {
        // Each record is "<length> <key>=<value>\n", the length counting the whole record (POSIX pax format); a key
        // given twice takes its last value.
        var records = default(PaxRecords);
        var rest = data;
        while (!rest.IsEmpty && rest[0] != 0)
        {
            var space = rest.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length <= space + 1 || length > rest.Length || rest[length - 1] != (byte)'\n')
            {
                throw Bad("malformed PAX record");
            }

            var record = rest[(space + 1)..(length - 1)];
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0)
            {
                throw Bad("malformed PAX record");
            }

            var key = record[..equals];
            var value = record[(equals + 1)..];
            if (key.SequenceEqual("path"u8))
            {
                records.Path = value.ToArray();
            }
            else if (key.SequenceEqual("linkpath"u8))
            {
                records.LinkPath = value.ToArray();
            }
            else if (key.SequenceEqual("size"u8))
            {
                records.Size = PaxNumber(value, "size");
            }
            else if (key.SequenceEqual("uid"u8))
            {
                records.Uid = PaxNumber(value, "uid");
            }
            else if (key.SequenceEqual("gid"u8))
            {
                records.Gid = PaxNumber(value, "gid");
            }
            else if (key.SequenceEqual("mtime"u8))
            {
                records.ModificationTime = PaxNumber(value, "mtime");
            }

            rest = rest[length..];
        }

        return records;
    }

    private long PaxNumber(ReadOnlySpan<byte> value, string key)
    {
        // mtime may carry a fraction ("1700000000.123456789"); the whole seconds are enough.
        var dot = value.IndexOf((byte)'.');
        var digits = dot >= 0 ? value[..dot] : value;
        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Bad($"PAX record {key} is not a number");
    }

    private long ParseNumber(ReadOnlySpan<byte> field, string what)
    {
        if (field.Length > 0 && (field[0] & 0x80) != 0)
        {
            // GNU base-256: big-endian, the top bit of the first byte marking the encoding; negative values are refused.
            if (field[0] == 0xff)
            {
                throw Bad($"{what} is negative");
            }

            long value = field[0] & 0x7f;
            foreach (var b in field[1..])
            {
                if (value > (long.MaxValue >> 8))
                {
                    throw Bad($"{what} does not fit in 64 bits");
                }

                value = (value << 8) | b;
            }

            return value;
        }

        long result = 0;
        var seenDigit = false;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (seenDigit)
                {
                    break;
                }

                continue;
            }

            if (b is < (byte)'0' or > (byte)'7' || result > (long.MaxValue >> 3))
            {
                throw Bad($"{what} field is not an octal number");
            }

            result = (result << 3) | (long)(b - '0');
            seenDigit = true;
        }

        return result;
    }

    private void VerifyChecksum()
    {
        var expected = ParseNumber(_block.AsSpan(ChecksumOffset, ChecksumLength), "checksum");
        long sum = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            sum += i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength ? (byte)' ' : _block[i];
        }

        if (sum != expected)
        {
            throw Bad($"header checksum mismatch at offset {_position - BlockSize} (not a tar archive, or corrupt)");
        }
    }

    // The data of a special entry (a long name, PAX records), up to its first NUL, in a buffer reused for the next one.
    private ReadOnlySpan<byte> ReadSpecial(long size, int cap, string what)
    {
        if (size > cap)
        {
            throw Bad($"{what} of {size} bytes exceeds the limit of {cap}");
        }

        if (_special.Length < size)
        {
            _special = new byte[Math.Max(size, _special.Length * 2L)];
        }

        var data = _special.AsSpan(0, (int)size);
        ReadExactly(data);
        Skip(Padded(size) - size);
        var end = data.IndexOf((byte)0);
        return end < 0 ? data : data[..end];
    }

    private bool ReadBlock(bool allowEnd)
    {
        var read = _stream.ReadAtLeast(_block, BlockSize, throwOnEndOfStream: false);
        _position += read;
        if (read == BlockSize)
        {
            return true;
        }

        if (read == 0 && allowEnd)
        {
            return false;
        }

        throw Truncated();
    }

    private void ReadExactly(Span<byte> buffer)
    {
        var read = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        _position += read;
        if (read != buffer.Length)
        {
            throw Truncated();
        }
    }

    private void Skip(long count)
    {
        if (SkipUpTo(count) < count)
        {
            throw Truncated();
        }
    }

    /// <summary>Skips <paramref name="count"/> bytes or up to the end of the stream; returns how many it skipped.</summary>
    private long SkipUpTo(long count)
    {
        if (count <= 0)
        {
            return 0;
        }

        // An archive on disk (oci-archive, docker-archive) is indexed without reading the data it skips.
        if (_stream.CanSeek)
        {
            var skipped = Math.Min(count, _stream.Length - _stream.Position);
            _stream.Seek(skipped, SeekOrigin.Current);
            _position += skipped;
            return skipped;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, 64 * 1024));
        try
        {
            long done = 0;
            while (done < count)
            {
                var read = _stream.Read(buffer, 0, (int)Math.Min(count - done, buffer.Length));
                if (read == 0)
                {
                    break;
                }

                _position += read;
                done += read;
            }

            return done;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long Padded(long size) => (size + BlockSize - 1) / BlockSize * BlockSize;

    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return end < 0 ? field : field[..end];
    }

    private static bool IsZero(ReadOnlySpan<byte> block) => !block.ContainsAnyExcept((byte)0);

    private BootPrepException Truncated() => Bad($"truncated tar stream at offset {_position}");

    private BootPrepException Bad(string message) => new(BootPrepErrorKind.InvalidImage, _source, message);

    /// <summary>What the PAX records before an entry say of it, where they say it.</summary>
    private struct PaxRecords
    {
        public byte[]? Path;
        public byte[]? LinkPath;
        public long? Size;
        public long? Uid;
        public long? Gid;
        public long? ModificationTime;
    }
}
