using BootPrep.Errors;

namespace BootPrep.Sources;

/// <summary>The files of an image layout directory on this host.</summary>
internal sealed class DirectoryFiles(string directory) : IImageFiles
{
    public string Location { get; } = directory;

    public bool Exists(string path) => File.Exists(Full(path));

    public Stream Open(string path)
    {
        try
        {
            return new FileStream(Full(path), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 128 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, $"{Location}/{path}", "missing from the image layout");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.Unreadable, $"{Location}/{path}", ex.Message);
        }
    }

    private string Full(string path) => PathNames.IsSafeRelative(path)
        ? Path.Combine(Location, path)
        : throw new BootPrepException(BootPrepErrorKind.InvalidImage, path, "path leaves the image layout");
}
