using System.Text;
using BootPrep.Errors;
using BootPrep.Layers.Chunked;
using BootPrep.Tar;

namespace BootPrep.Tests.Layers;

/// <summary>The zstd:chunked table of contents as containers/storage writes it, and what a hostile one gets.</summary>
public sealed class TableOfContentsTests
{
    private const string Toc = """
        {"version":1,"entries":[
         {"type":"dir","name":"./usr/","mode":493,"modtime":"2026-11-27T18:36:12Z"},
         {"type":"reg","name":"./usr/vmlinuz","mode":420,"size":300000,"digest":"sha256:fc0afd206fc529c2b7e635d2c721ec7edfa84d0e7d434a291a08d8c8b8211871","offset":344,"endOffset":300446,"chunkSize":102365,"chunkDigest":"sha256:cd152f924f77bf50e3491182952dac8b8c4a6c38f7876c44c95f3f60de1937d8"},
         {"type":"chunk","name":"./usr/vmlinuz","offset":102725,"chunkSize":197635,"chunkOffset":102365,"chunkDigest":"sha256:b3abcf2b456ff455633d23efcbe84e6567922bed9f1e3eda62877a9a8459a7bf","chunkType":"zeros"},
         {"type":"symlink","name":"./usr/os","linkName":"../etc/os-release","xattrs":{"user.a":"Yg=="}},
         {"type":"hardlink","name":"./usr/copy","linkName":"usr/vmlinuz"},
         {"type":"reg","name":"./usr/.wh.gone","mode":420}
        ]}
        """;

    [Fact]
    public void Entries_keep_the_tar_order_and_what_the_merge_needs()
    {
        var entries = TableOfContents.Parse(Encoding.UTF8.GetBytes(Toc), "layer");

        Assert.Equal(
            [
                (TarEntryType.Directory, "./usr/", "", 0L, 0L),
                (TarEntryType.Regular, "./usr/vmlinuz", "", 300000L, 344L),
                ((TarEntryType?)null, "./usr/vmlinuz", "", 0L, 102725L),
                (TarEntryType.Symlink, "./usr/os", "../etc/os-release", 0L, 0L),
                (TarEntryType.HardLink, "./usr/copy", "usr/vmlinuz", 0L, 0L),
                (TarEntryType.Regular, "./usr/.wh.gone", "", 0L, 0L),
            ],
            entries.Select(entry => (entry.Type, Encoding.UTF8.GetString(entry.Name), Encoding.UTF8.GetString(entry.LinkName), entry.Size, entry.Offset)));
    }

    [Fact]
    public void A_file_cut_into_chunks_tiles_its_data()
    {
        var entries = TableOfContents.Parse(Encoding.UTF8.GetBytes(Toc), "layer");

        var file = ChunkedFile.From(entries, 1, tocOffset: 400000, "layer");

        Assert.Equal([(344L, 102725L, 0L, 102365L), (102725L, 300446L, 102365L, 197635L)], file.Chunks.Select(chunk => (chunk.Offset, chunk.End, chunk.DataOffset, chunk.Size)));
    }

    [Theory]
    [InlineData("\"chunkOffset\":102365", "\"chunkOffset\":102000", "chunk 2")]
    [InlineData("\"chunkSize\":197635", "\"chunkSize\":197000", "chunks hold")]
    [InlineData("\"offset\":102725", "\"offset\":300", "chunk 1")]
    [InlineData("\"endOffset\":300446", "\"endOffset\":500000", "before the table of contents")]
    public void Chunks_that_do_not_tile_the_file_are_refused(string field, string replacement, string problem)
    {
        var entries = TableOfContents.Parse(Encoding.UTF8.GetBytes(Toc.Replace(field, replacement, StringComparison.Ordinal)), "layer");

        var error = Assert.Throws<BootPrepException>(() => ChunkedFile.From(entries, 1, tocOffset: 400000, "layer"));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"version\":2,\"entries\":[]}", "version 2")]
    [InlineData("{\"entries\":[]}", "version (none)")]
    [InlineData("{\"version\":1}", "no entries")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"version\":1,\"entries\":[{\"type\":\"socket\",\"name\":\"a\"}]}", "unknown type 'socket'")]
    [InlineData("{\"version\":1,\"entries\":[{\"type\":\"reg\"}]}", "no type or no name")]
    [InlineData("{\"version\":1,\"entries\":[{\"type\":\"reg\",\"name\":\"a\",\"size\":-1}]}", "negative")]
    [InlineData("{\"version\":1,\"entries\":[{\"type\":\"reg\",\"name\":\"a\",\"size\":\"big\"}]}", "")]
    [InlineData("{\"version\":\"1\",\"entries\":[]}", "")]
    public void A_hostile_table_is_one_invalid_image_error(string json, string problem)
    {
        var error = Assert.Throws<BootPrepException>(() => TableOfContents.Parse(Encoding.UTF8.GetBytes(json), "layer"));

        Assert.Equal((BootPrepErrorKind.InvalidImage, "layer (table of contents)"), (error.Kind, error.Path));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inner_offset_is_kept_so_the_layer_is_read_whole()
    {
        var entries = TableOfContents.Parse("""{"version":1,"entries":[{"type":"reg","name":"a","size":3,"offset":80,"innerOffset":512}]}"""u8, "layer");

        Assert.Equal(512, Assert.Single(entries).InnerOffset);
    }

    [Fact]
    public void Every_truncation_of_a_table_is_refused_as_invalid()
    {
        var bytes = Encoding.UTF8.GetBytes(Toc);

        for (var length = 0; length < bytes.Length - 1; length++)
        {
            var error = Assert.Throws<BootPrepException>(() => TableOfContents.Parse(bytes.AsSpan(0, length), "layer"));
            Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        }
    }
}
