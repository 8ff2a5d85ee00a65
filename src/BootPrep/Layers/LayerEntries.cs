using System.Collections.Concurrent;
using BootPrep.Native;
using BootPrep.Tar;

namespace BootPrep.Layers;

/// <summary>
/// The entries of one layer, held from its scan until it is merged, each packed as a small record in pages of bytes:
/// its type, size and data offset as variable-length numbers, its name as the bytes that differ from the previous
/// entry's name (a tar lists a directory's files one after another), and its link target. What a layer waiting for
/// its turn holds is a few bytes an entry, and its pages go back to a pool when it is merged.
/// </summary>
/// <param name="spare">Where pages come from and go back to, shared by the layers of one image.</param>
internal sealed class LayerEntries(ConcurrentStack<byte[]> spare) : IDisposable
{
    // A type byte and five numbers of at most ten bytes each, before the name's suffix and the link target.
    private const int MaxFixedSize = 1 + (5 * 10);

    private readonly ByteArena _records = new(spare);
    private readonly List<KeptData> _kept = [];
    private byte[] _scratch = new byte[1024];
    private byte[] _previous = new byte[256];
    private int _previousLength;

    /// <summary>How many entries there are.</summary>
    public long Count { get; private set; }

    /// <summary>
    /// Whether a name holds <c>.wh.</c>, so may be a whiteout: a layer with none (most) has nothing for the merge to
    /// hide before adding its entries.
    /// </summary>
    public bool MayHoldWhiteouts { get; private set; }

    /// <summary>The files whose data the scan copied into memory files; whoever merges the layer owns them.</summary>
    public IEnumerable<MemoryFile> Captured => _kept.OfType<KeptData.Captured>().Select(captured => captured.File);

    /// <summary>Adds the entry of <paramref name="header"/> with the data the scan kept of it.</summary>
    public void Add(TarHeader header, KeptData? kept) => Add(header.Name, header.LinkName, header.Type, header.Size, header.DataOffset, kept);

    /// <summary>
    /// Adds an entry named <paramref name="name"/> with the data kept of it; <paramref name="dataOffset"/> is where a
    /// regular file's data starts in the tar, or in the blob for a layer read through its table of contents.
    /// </summary>
    public void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> linkName, TarEntryType type, long size, long dataOffset, KeptData? kept)
    {
        Count++;
        MayHoldWhiteouts |= name.IndexOf(".wh."u8) >= 0;
        var keptIndex = 0;
        if (kept is not null)
        {
            _kept.Add(kept);
            keptIndex = _kept.Count;
        }

        var shared = name.CommonPrefixLength(_previous.AsSpan(0, _previousLength));
        var suffix = name[shared..];
        var capacity = MaxFixedSize + suffix.Length + linkName.Length;
        if (_scratch.Length < capacity)
        {
            _scratch = new byte[capacity];
        }

        var record = _scratch.AsSpan();
        record[0] = (byte)type;
        var length = 1;
        foreach (var number in (ReadOnlySpan<long>)[size, dataOffset, keptIndex, shared, suffix.Length])
        {
            length += Write(record[length..], (ulong)number);
        }

        suffix.CopyTo(record[length..]);
        length += suffix.Length;
        length += Write(record[length..], (ulong)linkName.Length);
        linkName.CopyTo(record[length..]);
        length += linkName.Length;
        _records.Append(record[..length]);
        if (_previous.Length < name.Length)
        {
            _previous = new byte[Math.Max(name.Length, _previous.Length * 2)];
        }

        name.CopyTo(_previous);
        _previousLength = name.Length;
    }

    /// <summary>Reads the entry at <paramref name="cursor"/> and moves it past; false after the last one.</summary>
    public bool Read(LayerCursor cursor, out LayerRecord entry)
    {
        if (cursor.Position == _records.End)
        {
            entry = default;
            return false;
        }

        var record = _records.ReadToPageEnd(cursor.Position);
        var type = (TarEntryType)record[0];
        var length = 1;
        var size = (long)Read(record, ref length);
        var dataOffset = (long)Read(record, ref length);
        var kept = (int)Read(record, ref length) - 1;
        var shared = (int)Read(record, ref length);
        var suffixLength = (int)Read(record, ref length);
        if (cursor.Name.Length < shared + suffixLength)
        {
            var name = new byte[Math.Max(shared + suffixLength, cursor.Name.Length * 2)];
            cursor.Name.AsSpan(0, shared).CopyTo(name);
            cursor.Name = name;
        }

        record.Slice(length, suffixLength).CopyTo(cursor.Name.AsSpan(shared));
        cursor.NameLength = shared + suffixLength;
        length += suffixLength;
        var linkLength = (int)Read(record, ref length);
        entry = new LayerRecord(cursor.Name.AsSpan(0, cursor.NameLength), record.Slice(length, linkLength), type, size, dataOffset, kept);
        cursor.Position = _records.After(cursor.Position, length + linkLength);
        return true;
    }

    /// <summary>The data the scan kept at <paramref name="kept"/> (see <see cref="LayerRecord.Kept"/>).</summary>
    public KeptData Kept(int kept) => _kept[kept];

    /// <summary>Gives the pages back; the memory files stay with whoever took <see cref="Captured"/>.</summary>
    public void Dispose() => _records.Dispose();

    private static int Write(Span<byte> into, ulong value)
    {
        var length = 0;
        for (; value >= 0x80; value >>= 7)
        {
            into[length++] = (byte)(value | 0x80);
        }

        into[length++] = (byte)value;
        return length;
    }

    private static ulong Read(ReadOnlySpan<byte> from, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var next = from[at++];
            value |= (ulong)(next & 0x7f) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
    }
}
