using BootPrep.Binary;
using BootPrep.Errors;

namespace BootPrep.Layers;

/// <summary>
/// A layer's decompressor, whose own failures (corrupt or cut-short data: InvalidDataException, ZstdException, an
/// end of stream mid-frame) become one error naming the layer. Errors of the blob beneath (a digest) pass as they are.
/// </summary>
internal sealed class DecodedStream(Stream decoder, string compression, string what) : ReadOnlyStream
{
    public override int Read(Span<byte> buffer)
    {
        try
        {
            return decoder.Read(buffer);
        }
        catch (Exception ex) when (ex is not (BootPrepException or OutOfMemoryException or OperationCanceledException))
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidImage, what, $"the layer's {compression} data is corrupt or cut short ({ex.Message.TrimEnd('.')})");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decoder.Dispose();
        }

        base.Dispose(disposing);
    }
}
