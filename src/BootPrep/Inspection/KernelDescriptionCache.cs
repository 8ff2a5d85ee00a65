using System.Text;
using BootPrep.Binary;

namespace BootPrep.Inspection;

/// <summary>
/// Descriptions of kernel files inspected before (<see cref="KernelDescription"/>), by the file's sha256, so that a
/// second inspect does not hash, parse and decode the signatures of the same kernel again. Only a file whose digest a
/// verified source states (a kept file of the layer cache, a zstd:chunked table) is looked up: its key is known without
/// reading it. An entry is used only when it names the digest and kind it is kept under, is of this format and its
/// checksum holds; else the file is read again and the entry replaced. Only inspect uses the cache.
/// </summary>
/// <param name="directory">The cache's directory (<see cref="Hosts.HostEnvironment.CacheDirectory"/>), created when first written.</param>
public sealed class KernelDescriptionCache(string directory)
{
    private const string Magic = "bootprep kernel description 1";

    // Strings are written as they are; one that UTF-8 cannot hold exactly makes the description not kept.
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The description of the UKI (<paramref name="unified"/>) or vmlinuz whose sha256 is <paramref name="sha256"/>, or null when there is none to trust.</summary>
    internal KernelDescription? Load(string sha256, bool unified)
    {
        if (EntryPath(sha256, unified) is not { } path || ChecksummedFile.OpenRead(path) is not { } body)
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(body, s_strict);
            if (reader.ReadString() != Magic || reader.ReadString() != Identity(sha256, unified))
            {
                throw new InvalidDataException("another file, kind or format");
            }

            var description = KernelDescriptionFormat.Read(reader);
            if (body.Position != body.Length || description.Sha256 != sha256)
            {
                throw new InvalidDataException("trailing bytes, or another file's description");
            }

            return description;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentException or IOException)
        {
            // ArgumentException: text UTF-8 cannot decode, an os-release key twice.
            return null;
        }
    }

    /// <summary>Keeps <paramref name="description"/>, read just now from a UKI (<paramref name="unified"/>) or vmlinuz; a cache that cannot be written is left as it is.</summary>
    internal void Save(KernelDescription description, bool unified)
    {
        if (EntryPath(description.Sha256, unified) is not { } path)
        {
            return;
        }

        try
        {
            ChecksummedFile.Write(path, body =>
            {
                using var writer = new BinaryWriter(body, s_strict, leaveOpen: true);
                writer.Write(Magic);
                writer.Write(Identity(description.Sha256, unified));
                KernelDescriptionFormat.Write(writer, description);
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EncoderFallbackException)
        {
        }
    }

    private static string Identity(string sha256, bool unified) => $"{Kind(unified)} sha256:{sha256}";

    private static string Kind(bool unified) => unified ? "uki" : "vmlinuz";

    // The digest names a file of the cache: only a sha256 in lower-case hex does.
    private string? EntryPath(string sha256, bool unified) =>
        sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower) ? Path.Combine(directory, "kernels", Kind(unified), "sha256", sha256) : null;
}
