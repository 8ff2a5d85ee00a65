using System.Text;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Native;
using BootPrep.Tar;

namespace BootPrep.Sources;

/// <summary>
/// The files of a tar archive (oci-archive, docker-archive), read in place: one pass indexes where each file's
/// data lies, and each open reads that window of the archive. Nothing is extracted to disk.
/// </summary>
internal sealed class ArchiveFiles : IImageFiles
{
    private const int MaxLinkHops = 8;

    private readonly Dictionary<string, (long Offset, long Size)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    private ArchiveFiles(string archive) => Location = archive;

    public string Location { get; }

    public bool IsArchive => true;

    /// <summary>Indexes the archive at <paramref name="archive"/>.</summary>
    public static ArchiveFiles Index(string archive)
    {
        var files = new ArchiveFiles(archive);
        using var stream = OpenArchive(archive);
        var reader = new SafeTarReader(stream, archive);
        while (reader.Next() is { } header)
        {
            var name = PathNames.Clean(Encoding.UTF8.GetString(header.Name));
            switch (header.Type)
            {
                case TarEntryType.Regular:
                    files._files[name] = (header.DataOffset, header.Size);
                    break;
                case TarEntryType.Symlink:
                    // docker save links repeated layers to the first copy: "<id>/layer.tar -> ../<other>/layer.tar".
                    var directory = name.Contains('/', StringComparison.Ordinal) ? name[..name.LastIndexOf('/')] : "";
                    files._links[name] = PathNames.Clean($"{directory}/{Encoding.UTF8.GetString(header.LinkName)}");
                    break;
                case TarEntryType.HardLink:
                    files._links[name] = PathNames.Clean(Encoding.UTF8.GetString(header.LinkName));
                    break;
            }
        }

        return files;
    }

    public bool Exists(string path) => Find(path) is not null;

    public Stream Open(string path)
    {
        var (offset, size) = Find(path) ?? throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{Location}: {path}", "missing from the archive");
        return new BoundedStream(OpenArchive(Location), offset, size);
    }

    private (long Offset, long Size)? Find(string path)
    {
        var name = PathNames.Clean(path);
        for (var hop = 0; hop <= MaxLinkHops; hop++)
        {
            if (_files.TryGetValue(name, out var file))
            {
                return file;
            }

            if (!_links.TryGetValue(name, out var target))
            {
                return null;
            }

            name = target;
        }

        return null;
    }

    private static FileStream OpenArchive(string archive) => HostFiles.OpenRead(archive, long.MaxValue, "the image archive", bufferSize: 64 * 1024);
}
