using System.Text;
using BootPrep.Errors;
using BootPrep.Layers.Chunked;

namespace BootPrep.Tests.Layers;

/// <summary>What an eStargz table leaves implicit, filled in as stargz-snapshotter's reader does, and what a hostile one gets.</summary>
public sealed class EstargzEntriesTests
{
    private const string Digest = "sha256:dc0e9c3658a1a3ed1ec94274d8b19925c93e1abb7ddba294923ad9bde30f8cb8";
    private const long TocOffset = 5000;

    // As ctr-remote writes it: a file of 600 bytes in 256-byte chunks (the last's size left out), a directory, a small file.
    private static readonly string s_toc = $$"""
        {"version":1,"entries":[
         {"name":"usr/big","type":"reg","size":600,"offset":100,"digest":"{{Digest}}","chunkSize":256,"chunkDigest":"{{Digest}}"},
         {"name":"usr/big","type":"chunk","offset":900,"chunkOffset":256,"chunkSize":256,"chunkDigest":"{{Digest}}"},
         {"name":"usr/big","type":"chunk","offset":1700,"chunkOffset":512,"chunkDigest":"{{Digest}}"},
         {"name":"usr/dir/","type":"dir"},
         {"name":"usr/small","type":"reg","size":5,"offset":2500,"digest":"{{Digest}}","chunkDigest":"{{Digest}}"}
        ]}
        """;

    [Fact]
    public void Chunks_end_where_the_next_offset_starts_and_the_last_holds_the_rest()
    {
        var entries = EstargzEntries.Complete(TableOfContents.Parse(Encoding.UTF8.GetBytes(s_toc), "layer"), TocOffset);

        var big = ChunkedFile.From(entries, 0, TocOffset, "layer");
        var small = ChunkedFile.From(entries, 4, TocOffset, "layer");

        Assert.Equal([(100L, 900L, 0L, 256L), (900L, 1700L, 256L, 256L), (1700L, 2500L, 512L, 88L)], big.Chunks.Select(chunk => (chunk.Offset, chunk.End, chunk.DataOffset, chunk.Size)));
        Assert.Equal((2500L, TocOffset, 0L, 5L), small.Chunks.Select(chunk => (chunk.Offset, chunk.End, chunk.DataOffset, chunk.Size)).Single());
    }

    [Theory]
    [InlineData("\"offset\":900,", "\"offset\":50,")]
    [InlineData("\"chunkOffset\":512,", "\"chunkOffset\":700,")]
    [InlineData("\"offset\":2500,", "\"offset\":1700,")]
    public void Chunks_out_of_order_are_refused(string field, string replacement)
    {
        var entries = EstargzEntries.Complete(TableOfContents.Parse(Encoding.UTF8.GetBytes(s_toc.Replace(field, replacement, StringComparison.Ordinal)), "layer"), TocOffset);

        var error = Assert.Throws<BootPrepException>(() => ChunkedFile.From(entries, 0, TocOffset, "layer"));

        Assert.Equal((BootPrepErrorKind.InvalidImage, "layer: usr/big (table of contents)"), (error.Kind, error.Path));
    }
}
