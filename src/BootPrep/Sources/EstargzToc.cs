namespace BootPrep.Sources;

/// <summary>
/// The table of contents of an eStargz layer (stargz-snapshotter docs/estargz.md): a gzip member before the blob's
/// 51-byte footer, which says where it starts, holding a tar of one file, <c>stargz.index.json</c>, whose bytes hash
/// to <paramref name="Checksum"/>.
/// </summary>
/// <param name="Checksum">The digest of the uncompressed JSON (annotation <c>containerd.io/snapshot/stargz/toc.digest</c>).</param>
public sealed record EstargzToc(Digest Checksum) : TocLocation(Checksum)
{
    /// <summary>The annotation holding the digest of the table's JSON.</summary>
    public const string DigestAnnotation = "containerd.io/snapshot/stargz/toc.digest";

    /// <summary>The table an eStargz layer's annotations name, or null when they name none; <paramref name="where"/> names the layer in errors.</summary>
    public static EstargzToc? Read(IReadOnlyDictionary<string, string>? annotations, string where)
    {
        return annotations is not null && annotations.TryGetValue(DigestAnnotation, out var stated)
            ? new EstargzToc(Digest.Parse(stated, $"{where} ({DigestAnnotation})"))
            : null;
    }
}
