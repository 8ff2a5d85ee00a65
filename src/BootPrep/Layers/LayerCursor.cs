namespace BootPrep.Layers;

/// <summary>
/// Where a reading of <see cref="LayerEntries"/> is, in order from the first entry: the position of the next record
/// and the name of the last one read, which the next record's name starts from.
/// </summary>
internal sealed class LayerCursor
{
    /// <summary>The position of the next record in the entries' pages.</summary>
    public int Position { get; set; }

    /// <summary>The last name read, in its first <see cref="NameLength"/> bytes.</summary>
    public byte[] Name { get; set; } = new byte[256];

    /// <summary>How many bytes of <see cref="Name"/> the last name has.</summary>
    public int NameLength { get; set; }
}
