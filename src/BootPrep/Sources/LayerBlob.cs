namespace BootPrep.Sources;

/// <summary>One layer of an image: where its blob is, what it must hash to, and its uncompressed digest.</summary>
/// <param name="Path">The blob's path inside the layout or archive.</param>
/// <param name="BlobDigest">The digest of the blob as stored, when the image states one.</param>
/// <param name="BlobSize">The size of the blob as stored, when the image states one.</param>
/// <param name="MediaType">The layer's media type, when the image states one.</param>
/// <param name="DiffId">The digest of the uncompressed tar, from the config's rootfs.diff_ids.</param>
/// <param name="Toc">Where a zstd:chunked layer's table of contents is, when its descriptor says.</param>
public sealed record LayerBlob(string Path, Digest? BlobDigest, long? BlobSize, string? MediaType, Digest DiffId, TocLocation? Toc = null);
