using System.Buffers.Binary;
using System.Collections.Concurrent;
using BootPrep.Native;
using BootPrep.Tar;

namespace BootPrep.Layers;

/// <summary>
/// The entries of one layer, held from its scan until it is merged: each packed as a small record in pages of bytes
/// (its type, size, data offset, name and link target), so that what a layer waiting for its turn holds grows with
/// its names' bytes and not with an object per entry. Pages go back to a pool when the layer is merged.
/// </summary>
/// <param name="spare">Where pages come from and go back to, shared by the layers of one image.</param>
internal sealed class LayerEntries(ConcurrentBag<byte[]> spare) : IDisposable
{
    private const int TypeOffset = 0, SizeOffset = 1, DataOffsetOffset = 9, KeptOffset = 17, NameLengthOffset = 21, LinkLengthOffset = 25;
    private const int FixedSize = 29;

    private readonly ByteArena _records = new(spare);
    private readonly List<object> _kept = [];

    /// <summary>The files whose data the scan copied into memory files; whoever merges the layer owns them.</summary>
    public IEnumerable<MemoryFile> Captured => _kept.OfType<MemoryFile>();

    /// <summary>Where reading in order starts.</summary>
    public static int First => 0;

    /// <summary>Adds the entry of <paramref name="header"/> with the data the scan kept of it (its bytes, or a memory file).</summary>
    public void Add(TarHeader header, object? kept)
    {
        var keptIndex = -1;
        if (kept is not null)
        {
            keptIndex = _kept.Count;
            _kept.Add(kept);
        }

        _records.Append(FixedSize + header.Name.Length + header.LinkName.Length, out var record);
        record[TypeOffset] = (byte)header.Type;
        BinaryPrimitives.WriteInt64LittleEndian(record[SizeOffset..], header.Size);
        BinaryPrimitives.WriteInt64LittleEndian(record[DataOffsetOffset..], header.DataOffset);
        BinaryPrimitives.WriteInt32LittleEndian(record[KeptOffset..], keptIndex);
        BinaryPrimitives.WriteInt32LittleEndian(record[NameLengthOffset..], header.Name.Length);
        BinaryPrimitives.WriteInt32LittleEndian(record[LinkLengthOffset..], header.LinkName.Length);
        header.Name.CopyTo(record[FixedSize..]);
        header.LinkName.CopyTo(record[(FixedSize + header.Name.Length)..]);
    }

    /// <summary>Reads the entry at <paramref name="position"/> and moves past it; false after the last one.</summary>
    public bool Read(ref int position, out LayerRecord entry)
    {
        if (position == _records.End)
        {
            entry = default;
            return false;
        }

        var head = _records.Read(position, FixedSize);
        var nameLength = BinaryPrimitives.ReadInt32LittleEndian(head[NameLengthOffset..]);
        var linkLength = BinaryPrimitives.ReadInt32LittleEndian(head[LinkLengthOffset..]);
        var record = _records.Read(position, FixedSize + nameLength + linkLength);
        entry = new LayerRecord(
            record.Slice(FixedSize, nameLength),
            record.Slice(FixedSize + nameLength, linkLength),
            (TarEntryType)record[TypeOffset],
            BinaryPrimitives.ReadInt64LittleEndian(record[SizeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[DataOffsetOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[KeptOffset..]));
        position = _records.After(position, record.Length);
        return true;
    }

    /// <summary>The data the scan kept at <paramref name="kept"/> (see <see cref="LayerRecord.Kept"/>): its bytes or a memory file.</summary>
    public object KeptData(int kept) => _kept[kept];

    /// <summary>Gives the pages back; the memory files stay with whoever took <see cref="Captured"/>.</summary>
    public void Dispose() => _records.Dispose();
}
