using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BootPrep.Binary;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.RootFs;

namespace BootPrep.Sources.Storage;

/// <summary>
/// A layer's tar stream rebuilt, byte for byte, from what containers/storage keeps of it: the layer's
/// <c>ID.tar-split.gz</c> (vbatts/tar-split: JSON lines, each a segment of raw tar bytes, type 2, or a file, type 1,
/// whose <c>size</c> bytes are read from the layer's directory by <c>name</c>) and the directory itself. Its sha256 is
/// the layer's diff digest, which the reader checks: the storage is read, not trusted.
/// </summary>
internal sealed class TarSplitStream : ReadOnlyStream
{
    private const int SegmentType = 2;
    private const int FileType = 1;

    // A tar-split line holds one header's bytes in base64 or one name: kilobytes; a longer one is not tar-split's.
    private const int MaxLineLength = 1 << 20;

    private readonly StreamReader _lines;
    private readonly DirectoryImageRoot _files;
    private readonly string _where;
    private ReadOnlyMemory<byte> _segment;
    private Stream? _file;
    private long _fileLeft;

    public TarSplitStream(string tarSplitPath, string layerDirectory, string where)
    {
        _where = where;
        _files = DirectoryImageRoot.Open(layerDirectory);
        try
        {
            _lines = new StreamReader(new GZipStream(File.OpenRead(tarSplitPath), CompressionMode.Decompress), Encoding.UTF8);
        }
        catch
        {
            _files.Dispose();
            throw;
        }
    }

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (!_segment.IsEmpty)
            {
                var count = Math.Min(buffer.Length, _segment.Length);
                _segment.Span[..count].CopyTo(buffer);
                _segment = _segment[count..];
                return count;
            }

            if (_file is not null)
            {
                var read = _fileLeft == 0 ? 0 : _file.Read(buffer[..(int)Math.Min(buffer.Length, _fileLeft)]);
                if (read > 0)
                {
                    _fileLeft -= read;
                    return read;
                }

                if (_fileLeft > 0)
                {
                    throw new BootPrepException(BootPrepErrorKind.DigestMismatch, _where, $"a file of the layer is {_fileLeft} bytes shorter than its tar-split says: the storage changed under the image");
                }

                _file.Dispose();
                _file = null;
            }

            if (!Next())
            {
                return 0;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file?.Dispose();
            _lines.Dispose();
            _files.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Takes the next entry: a segment's bytes, or a file's contents; false at the end.</summary>
    private bool Next()
    {
        var line = _lines.ReadLine();
        if (line is null)
        {
            return false;
        }

        if (line.Length > MaxLineLength)
        {
            throw Invalid("a line longer than tar-split writes");
        }

        try
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            var type = root.TryGetProperty("type", out var typeValue) && typeValue.TryGetInt32(out var number) ? number : 0;
            switch (type)
            {
                case SegmentType:
                    _segment = root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.String ? payload.GetBytesFromBase64() : Array.Empty<byte>();
                    return true;
                case FileType:
                    var size = root.TryGetProperty("size", out var sizeValue) && sizeValue.TryGetInt64(out var length) ? length : 0;
                    if (size > 0)
                    {
                        _file = _files.OpenRead(Name(root));
                        _fileLeft = size;
                    }

                    return true;
                default:
                    throw Invalid($"an entry of type {type}, neither a segment (2) nor a file (1)");
            }
        }
        catch (JsonException ex)
        {
            throw Invalid(JsonErrors.Describe(ex));
        }
        catch (FormatException)
        {
            throw Invalid("a payload that is not base64");
        }
    }

    // tar-split keeps a name that is not UTF-8 as name_raw, its bytes in base64.
    private ImagePath Name(JsonElement entry) => ImagePath.Parse(
        entry.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()!
        : entry.TryGetProperty("name_raw", out var raw) && raw.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetString(raw.GetBytesFromBase64())
        : throw Invalid("a file entry without a name"));

    private BootPrepException Invalid(string problem) => new(BootPrepErrorKind.InvalidImage, _where, $"the layer's tar-split holds {problem}");
}
