using BootPrep.Errors;
using BootPrep.Native;

namespace BootPrep.Sources;

/// <summary>The files of an image layout directory on this host.</summary>
internal sealed class DirectoryFiles(string directory) : IImageFiles
{
    public string Location { get; } = directory;

    public bool IsArchive => false;

    public bool Exists(string path) => File.Exists(Full(path));

    public Stream Open(string path)
    {
        try
        {
            return HostFiles.OpenRead(Full(path), long.MaxValue, "a file of the image layout", bufferSize: 128 * 1024);
        }
        catch (BootPrepException ex) when (ex.Kind == BootPrepErrorKind.NotFound)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{Location}/{path}", "missing from the image layout");
        }
    }

    private string Full(string path) => PathNames.IsSafeRelative(path)
        ? Path.Combine(Location, path)
        : throw new BootPrepException(BootPrepErrorKind.InvalidImage, path, "path leaves the image layout");
}
