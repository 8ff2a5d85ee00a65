using BootPrep.Binary;
using BootPrep.Native;

namespace BootPrep.Kexec;

/// <summary>
/// A kernel or initrd being assembled in memory for kexec_file_load: pieces appended in order (each padded to 4
/// bytes, as cpio archives that follow each other must be), each measured and hashed on the way in.
/// </summary>
internal sealed class LoadFile : IDisposable
{
    private const int Alignment = 4;

    private readonly MemoryFile _file;
    private readonly List<StagePiece> _pieces = [];
    private long _length;

    public LoadFile(string name)
    {
        _file = MemoryFile.Create(name);
    }

    /// <summary>The pieces so far.</summary>
    public IReadOnlyList<StagePiece> Pieces => _pieces;

    /// <summary>The size so far, padding included.</summary>
    public long Length => _length;

    /// <summary>Appends a stream's bytes (read to its end) as the piece named <paramref name="source"/>.</summary>
    public void Append(string source, Stream content) => Append(source, destination => content.CopyTo(destination));

    /// <summary>Appends a range of a file as the piece named <paramref name="source"/>.</summary>
    public void Append(string source, FileRange content) => Append(source, content.CopyTo);

    /// <summary>The memory file to pass to the kernel.</summary>
    public MemoryFile File => _file;

    /// <summary>A seekable stream over the sealed content.</summary>
    public Stream OpenReader() => _file.OpenReader();

    public void Dispose() => _file.Dispose();

    /// <summary>Appends what <paramref name="copy"/> writes as the piece named <paramref name="source"/>.</summary>
    public void Append(string source, Action<Stream> copy)
    {
        var padding = (int)((Alignment - (_length % Alignment)) % Alignment);
        _file.Writer.Write(new byte[padding]);
        _length += padding;
        using var hashing = new HashingStream(_file.Writer);
        copy(hashing);
        _pieces.Add(new StagePiece(source, hashing.Length, hashing.Sha256()));
        _length += hashing.Length;
    }
}
