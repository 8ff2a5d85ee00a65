namespace BootPrep.Tests.Layers;

/// <summary><see cref="PartialPullLayout"/>'s image and the same image converted to layers read through a table of contents.</summary>
public interface IPartialPullImage
{
    /// <summary>The image as the builder wrote it (gzip layers).</summary>
    string Layout { get; }

    /// <summary>The converted image's OCI layout.</summary>
    string Converted { get; }

    /// <summary>The initramfs's bytes.</summary>
    byte[] Initramfs { get; }

    /// <summary>The converted layers, bottom first.</summary>
    IReadOnlyList<ChunkedLayerBlob> Layers { get; }

    /// <summary>Where <paramref name="path"/>'s data starts in <paramref name="layer"/>'s blob, from its table of contents.</summary>
    long DataOffset(ChunkedLayerBlob layer, string path);
}
