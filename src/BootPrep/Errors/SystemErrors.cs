using System.Runtime.InteropServices;

namespace BootPrep.Errors;

/// <summary>Says in words why the operating system refused a file operation, for a message that already names the file.</summary>
public static class SystemErrors
{
    /// <summary>"no such file or directory", "is a directory", "permission denied", or the system's or runtime's own words for the error.</summary>
    public static string Describe(Exception error, string path) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException when Directory.Exists(path) => "is a directory",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "file name too long",
        // On Linux the runtime keeps errno as the HResult of the IOException it raises for a failed call.
        IOException { HResult: > 0 and < 4096 } io => Marshal.GetPInvokeErrorMessage(io.HResult).ToLowerInvariant(),
        _ => error.Message.Split('\n', 2)[0].TrimEnd('.'),
    };
}
