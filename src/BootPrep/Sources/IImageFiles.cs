namespace BootPrep.Sources;

/// <summary>The files of an image layout or archive, by their path inside it ("index.json", "blobs/sha256/…").</summary>
internal interface IImageFiles
{
    /// <summary>How the files are named in messages: the layout directory or the archive file.</summary>
    string Location { get; }

    /// <summary>True for a tar archive (oci-archive:, docker-archive:), false for a directory (oci:).</summary>
    bool IsArchive { get; }

    /// <summary>True when <paramref name="path"/> is a regular file in the layout or archive.</summary>
    bool Exists(string path);

    /// <summary>Opens <paramref name="path"/> for reading; throws when it is missing.</summary>
    Stream Open(string path);

    /// <summary>
    /// Opens <paramref name="length"/> bytes of <paramref name="path"/> from <paramref name="offset"/>, or returns null when
    /// the files are not read in parts: only a registry is, where a layer's table of contents saves fetching it whole.
    /// </summary>
    Stream? OpenRange(string path, long offset, long length) => null;
}
