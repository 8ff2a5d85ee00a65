namespace BootPrep.Sources;

/// <summary>
/// A layer whose descriptor names a table of contents, through which its files can be fetched one by one instead of
/// reading the whole blob: a zstd:chunked layer (<see cref="ZstdChunkedToc"/>) or an eStargz one (<see cref="EstargzToc"/>).
/// The manifest's digest covers the descriptor, so <paramref name="Checksum"/> is trusted, and through it the table.
/// </summary>
/// <param name="Checksum">What the table must hash to.</param>
public abstract record TocLocation(Digest Checksum)
{
    /// <summary>The table a layer's annotations name, or null when they name none; <paramref name="where"/> names the layer in errors.</summary>
    public static TocLocation? FromAnnotations(IReadOnlyDictionary<string, string>? annotations, string where) =>
        (TocLocation?)ZstdChunkedToc.Read(annotations, where) ?? EstargzToc.Read(annotations, where);
}
