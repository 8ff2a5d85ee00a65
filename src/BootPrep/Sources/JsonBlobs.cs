using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BootPrep.Errors;

namespace BootPrep.Sources;

/// <summary>Reads the small JSON documents of an image (index, manifest, config), checking size and digest first.</summary>
internal static class JsonBlobs
{
    /// <summary>The largest JSON document read from an image.</summary>
    public const int MaxSize = 8 * 1024 * 1024;

    // Where the buffer of a document of unknown size starts; it doubles as the document needs.
    private const int InitialSize = 64 * 1024;

    /// <summary>Reads <paramref name="path"/>, checks it against <paramref name="digest"/> and <paramref name="size"/> when given, and parses it.</summary>
    public static T Read<T>(IImageFiles files, string path, Digest? digest, long? size, JsonTypeInfo<T> type)
        where T : class
    {
        var what = $"{files.Location}: {path}";
        if (size is < 0)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"the image gives the JSON document a negative size ({size})");
        }

        if (size is > MaxSize)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"a {size}-byte JSON document is larger than the limit of {MaxSize}");
        }

        using var stream = new VerifyingStream(files.Open(path), digest, size, what);
        // One byte more than the document should have, so that reading it fills the buffer only when it is longer.
        var buffer = new byte[Math.Min(size ?? InitialSize, MaxSize) + 1];
        var length = 0;
        for (int read; (read = stream.Read(buffer.AsSpan(length))) > 0;)
        {
            length += read;
            if (length == buffer.Length)
            {
                if (length > MaxSize)
                {
                    throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"larger than the limit of {MaxSize} bytes for a JSON document");
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, MaxSize + 1L));
            }
        }

        stream.Verify();
        try
        {
            return JsonSerializer.Deserialize(buffer.AsSpan(0, length), type)
                ?? throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, "the document is null");
        }
        catch (JsonException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, JsonErrors.Describe(ex));
        }
    }
}
