using System.Runtime.InteropServices;
using System.Text;

namespace BootPrep.Tests.Support;

/// <summary>A throw-away directory tree for one test: files, directories, links and names that are not UTF-8.</summary>
internal sealed partial class TestTree : IDisposable
{
    public TestTree()
    {
        Root = Directory.CreateTempSubdirectory("bootprep-test-").FullName;
    }

    /// <summary>The tree's directory on the host.</summary>
    public string Root { get; }

    /// <summary>Writes a file at <paramref name="path"/> (relative), creating its directories.</summary>
    public TestTree File(string path, string content = "content\n")
    {
        var full = Full(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return this;
    }

    /// <summary>Writes <paramref name="content"/> at <paramref name="path"/> (relative), creating its directories.</summary>
    public TestTree File(string path, byte[] content)
    {
        var full = Full(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllBytes(full, content);
        return this;
    }

    /// <summary>Creates the directory at <paramref name="path"/> (relative) and its parents.</summary>
    public TestTree Dir(string path)
    {
        Directory.CreateDirectory(Full(path));
        return this;
    }

    /// <summary>Creates a symbolic link at <paramref name="path"/> whose target is <paramref name="target"/>, verbatim.</summary>
    public TestTree Symlink(string path, string target)
    {
        var full = Full(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.CreateSymbolicLink(full, target);
        return this;
    }

    /// <summary>Creates a FIFO at <paramref name="path"/>.</summary>
    public unsafe TestTree Fifo(string path)
    {
        var full = Full(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var bytes = Encoding.UTF8.GetBytes(full + "\0");
        fixed (byte* p = bytes)
        {
            Assert.Equal(0, MkFifo(p, 0x1a4));
        }

        return this;
    }

    /// <summary>Creates an empty file in directory <paramref name="directory"/> whose name is the raw bytes <paramref name="name"/>.</summary>
    public unsafe TestTree RawFile(string directory, byte[] name)
    {
        var full = Full(directory);
        Directory.CreateDirectory(full);
        var bytes = Encoding.UTF8.GetBytes(full + "/").Concat(name).Append((byte)0).ToArray();
        fixed (byte* p = bytes)
        {
            var fd = Open(p, 0x41 /* O_WRONLY|O_CREAT */, 0x1a4);
            Assert.True(fd >= 0, $"open failed: errno {Marshal.GetLastPInvokeError()}");
            Close(fd);
        }

        return this;
    }

    /// <summary>Creates a directory whose name is the raw bytes <paramref name="name"/> and a file inside it.</summary>
    public unsafe TestTree RawDir(string directory, byte[] name, string fileInside)
    {
        var full = Full(directory);
        Directory.CreateDirectory(full);
        var dir = Encoding.UTF8.GetBytes(full + "/").Concat(name).Append((byte)0).ToArray();
        fixed (byte* p = dir)
        {
            Assert.Equal(0, MkDir(p, 0x1ed));
        }

        return RawFile(directory, [.. name, (byte)'/', .. Encoding.UTF8.GetBytes(fileInside)]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }

    private string Full(string path) => Path.Combine(Root, path);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static unsafe partial int MkFifo(byte* path, int mode);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true)]
    private static unsafe partial int MkDir(byte* path, int mode);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static unsafe partial int Open(byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
