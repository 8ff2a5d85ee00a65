using System.Security.Cryptography;

namespace BootPrep.Binary;

/// <summary>
/// A cache file that tells whether it is whole: its last 32 bytes are the sha256 of the bytes before them (its body).
/// It is written under a temporary name and renamed over the old one, so a reader finds a whole file, old or new; one
/// whose checksum does not hold reads as none. Both ways stream: a body of any size costs a buffer, not its size.
/// </summary>
public static class ChecksummedFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// The body of the file at <paramref name="path"/> (a buffered stream over one descriptor, so a file renamed over it
    /// meanwhile changes nothing), once the whole body was read and its checksum holds; else null.
    /// </summary>
    public static Stream? OpenRead(string path)
    {
        FileStream? file = null;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            var length = file.Length - SHA256.HashSizeInBytes;
            if (length <= 0 || !Holds(FileRange.Of(file), length))
            {
                return null;
            }

            var body = new BufferedStream(new BoundedStream(file, 0, length), BufferSize);
            file = null;
            return body;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            file?.Dispose();
        }
    }

    /// <summary>
    /// Writes the body <paramref name="writeBody"/> writes to the stream it is given, then its checksum, to
    /// <paramref name="path"/>, creating its directory.
    /// </summary>
    public static void Write(string path, Action<Stream> writeBody)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}";
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            using (var hashing = new HashingStream(output))
            {
                // Not disposed: that would dispose the hash before it is read.
                var body = new BufferedStream(hashing, BufferSize);
                writeBody(body);
                body.Flush();
                output.Write(hashing.Hash());
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static bool Holds(FileRange file, long length)
    {
        Span<byte> stated = stackalloc byte[SHA256.HashSizeInBytes];
        return file.ReadAt(length, stated) == stated.Length
            && file.Slice(0, length).Sha256() == Convert.ToHexStringLower(stated);
    }
}
