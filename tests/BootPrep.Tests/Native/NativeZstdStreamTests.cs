using BootPrep.Native;

namespace BootPrep.Tests.Native;

/// <summary>libzstd's decoder behind a stream: the same bytes as the managed decoder, and the same two kinds of failure.</summary>
public sealed class NativeZstdStreamTests
{
    private static readonly byte[] s_data = Data(3 << 20);

    [Fact]
    public void Decodes_what_the_managed_compressor_wrote()
    {
        Assert.Equal(s_data, Decode(Compress(s_data)));
    }

    [Fact]
    public void Decodes_concatenated_frames_as_one_stream()
    {
        Assert.Equal([.. s_data, .. s_data[..1000]], Decode([.. Compress(s_data), .. Compress(s_data[..1000])]));
    }

    [Fact]
    public void Decodes_through_one_byte_reads()
    {
        var small = s_data[..20_000];
        using var stream = new NativeZstdStream(new MemoryStream(Compress(small)));
        var output = new List<byte>();
        var one = new byte[1];
        while (stream.Read(one) == 1)
        {
            output.Add(one[0]);
        }

        Assert.Equal(small, output);
    }

    [Fact]
    public void An_empty_input_is_an_empty_output()
    {
        Assert.Empty(Decode([]));
    }

    [Fact]
    public void Data_cut_mid_frame_is_an_end_of_stream_error()
    {
        var compressed = Compress(s_data);

        Assert.Throws<EndOfStreamException>(() => Decode(compressed[..(compressed.Length / 2)]));
    }

    [Fact]
    public void Data_that_is_not_a_zstd_frame_is_an_invalid_data_error()
    {
        // zstd frames carry no checksum by default: a flipped literal decodes to other bytes (the layer's digest
        // catches that), while a damaged frame header is refused by the decoder itself.
        var compressed = Compress(s_data);
        compressed[0] ^= 0xff;

        Assert.Throws<InvalidDataException>(() => Decode(compressed));
    }

    [Fact]
    public void Trailing_bytes_after_the_last_frame_are_an_invalid_data_error()
    {
        Assert.Throws<InvalidDataException>(() => Decode([.. Compress(s_data[..1000]), 1, 2, 3, 4, 5, 6, 7, 8]));
    }

    [Fact]
    public void Libzstd_is_used_where_it_is_installed()
    {
        Assert.Equal(File.Exists("/usr/lib/x86_64-linux-gnu/libzstd.so.1") || File.Exists("/usr/lib/aarch64-linux-gnu/libzstd.so.1"), ZstdDecoder.IsNative);
    }

    private static byte[] Decode(byte[] compressed)
    {
        using var stream = new NativeZstdStream(new MemoryStream(compressed));
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var compressor = new ZstdSharp.CompressionStream(output, 3, leaveOpen: true))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Half random, half repeated text: something zstd both matches and stores as literals.</summary>
    private static byte[] Data(int size)
    {
        var data = new byte[size];
        new Random(3).NextBytes(data.AsSpan(0, size / 2));
        for (var i = size / 2; i < size; i++)
        {
            data[i] = (byte)"bootprep "[i % 9];
        }

        return data;
    }
}
