using System.Security.Cryptography;

namespace BootPrep.Binary;

/// <summary>
/// A cache file that tells whether it is whole: its last 32 bytes are the sha256 of the bytes before them (its body).
/// It is written under a temporary name and renamed over the old one, so a reader finds a whole file, old or new; one
/// whose checksum does not hold reads as none.
/// </summary>
public static class ChecksummedFile
{
    /// <summary>The body of the file at <paramref name="path"/>, or null when it cannot be read or its checksum does not hold.</summary>
    public static ArraySegment<byte>? Read(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            var length = bytes.Length - SHA256.HashSizeInBytes;
            return length > 0 && SHA256.HashData(bytes.AsSpan(0, length)).AsSpan().SequenceEqual(bytes.AsSpan(length))
                ? new ArraySegment<byte>(bytes, 0, length)
                : (ArraySegment<byte>?)null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="body"/> and its checksum to <paramref name="path"/>, creating its directory.</summary>
    public static void Write(string path, ReadOnlySpan<byte> body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}";
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                output.Write(body);
                output.Write(SHA256.HashData(body));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
