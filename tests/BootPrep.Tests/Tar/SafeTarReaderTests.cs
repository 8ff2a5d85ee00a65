using System.Formats.Tar;
using System.Text;
using BootPrep.Errors;
using BootPrep.Tar;
using BootPrep.Tests.Support;
using BclTarEntryType = System.Formats.Tar.TarEntryType;
using TarEntryType = BootPrep.Tar.TarEntryType;

namespace BootPrep.Tests.Tar;

public sealed class SafeTarReaderTests
{
    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Ustar)]
    public void Long_names_are_read_in_every_format(TarEntryFormat format)
    {
        var name = string.Join('/', Enumerable.Repeat("directory-name-of-some-length", 5)) + "/vmlinuz";
        var tar = Write(format, writer =>
        {
            var entry = Entry(format, BclTarEntryType.RegularFile, name);
            entry.DataStream = new MemoryStream("kernel"u8.ToArray());
            writer.WriteEntry(entry);
        });

        var (headers, data) = ReadAll(tar);

        Assert.Equal(name, Encoding.UTF8.GetString(headers.Single().Name));
        Assert.Equal("kernel", data.Single());
    }

    [Fact]
    public void Link_targets_longer_than_the_header_field_are_read()
    {
        var target = new string('t', 300);
        var tar = Write(TarEntryFormat.Pax, writer => writer.WriteEntry(new PaxTarEntry(BclTarEntryType.SymbolicLink, "link") { LinkName = target }));

        var header = ReadAll(tar).Headers.Single();

        Assert.Equal(TarEntryType.Symlink, header.Type);
        Assert.Equal(target, Encoding.UTF8.GetString(header.LinkName));
    }

    [Fact]
    public void Base256_size_is_read()
    {
        var sizeField = new byte[12];
        sizeField[0] = 0x80;
        sizeField[11] = 5;
        var tar = Concat(RawTar.Header("file", '0', 0, sizeField), RawTar.Data("12345"u8.ToArray()), RawTar.End());

        var (headers, data) = ReadAll(tar);

        Assert.Equal(5, headers.Single().Size);
        Assert.Equal("12345", data.Single());
    }

    [Fact]
    public void Oversized_pax_header_is_refused_before_it_is_read()
    {
        var tar = Concat(RawTar.Header("pax", 'x', SafeTarReader.MaxPaxHeaderSize + 1), RawTar.End());

        var error = Assert.Throws<BootPrepException>(() => ReadAll(tar));

        Assert.Equal(BootPrepErrorKind.InvalidImage, error.Kind);
        Assert.Contains("exceeds the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_gnu_long_name_is_refused()
    {
        var tar = Concat(RawTar.Header("././@LongLink", 'L', SafeTarReader.MaxNameLength + 1), RawTar.End());

        Assert.Contains("GNU long name", Assert.Throws<BootPrepException>(() => ReadAll(tar)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_pax_record_is_refused()
    {
        var records = "99 path=short\n"u8.ToArray();
        var tar = Concat(RawTar.Header("pax", 'x', records.Length), RawTar.Data(records), RawTar.Header("file", '0', 0), RawTar.End());

        Assert.Contains("malformed PAX record", Assert.Throws<BootPrepException>(() => ReadAll(tar)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pax_path_replaces_the_header_name()
    {
        var records = RawTar.PaxRecord("path", "usr/lib/modules/6.1/vmlinuz");
        var tar = Concat(RawTar.Header("pax", 'x', records.Length), RawTar.Data(records), RawTar.Header("short", '0', 0), RawTar.End());

        Assert.Equal("usr/lib/modules/6.1/vmlinuz", Encoding.UTF8.GetString(ReadAll(tar).Headers.Single().Name));
    }

    [Fact]
    public void Pax_records_override_the_header_the_last_of_a_key_winning_and_others_are_skipped()
    {
        byte[] records =
        [
            .. RawTar.PaxRecord("path", "first"),
            .. RawTar.PaxRecord("SCHILY.xattr.security.selinux", "system_u:object_r:usr_t:s0"),
            .. RawTar.PaxRecord("linkpath", "usr/lib/modules/6.1/vmlinuz"),
            .. RawTar.PaxRecord("uid", "4294967296"),
            .. RawTar.PaxRecord("gid", "7"),
            .. RawTar.PaxRecord("mtime", "1700000000.123456789"),
            .. RawTar.PaxRecord("atime", "not a number, and never read"),
            .. RawTar.PaxRecord("path", "usr/lib/modules/6.1/copy"),
        ];
        var tar = Concat(RawTar.Header("pax", 'x', records.Length), RawTar.Data(records), RawTar.Header("short", '1', 0, linkName: "short-target"), RawTar.End());

        var header = ReadAll(tar).Headers.Single();

        Assert.Equal("usr/lib/modules/6.1/copy", Encoding.UTF8.GetString(header.Name));
        Assert.Equal("usr/lib/modules/6.1/vmlinuz", Encoding.UTF8.GetString(header.LinkName));
        Assert.Equal((4294967296L, 7L, 1700000000L), (header.Uid, header.Gid, header.ModificationTime));
    }

    [Fact]
    public void Pax_records_apply_to_the_next_entry_only_and_a_pax_size_is_the_entrys()
    {
        var records = RawTar.PaxRecord("size", "3");
        var tar = Concat(
            RawTar.Header("pax", 'x', records.Length), RawTar.Data(records), RawTar.Header("sized", '0', 0), RawTar.Data("bee"u8.ToArray()),
            RawTar.Header("plain", '0', 0), RawTar.End());

        var headers = ReadAll(tar).Headers;

        Assert.Equal([("sized", 3L), ("plain", 0L)], headers.Select(header => (Encoding.UTF8.GetString(header.Name), header.Size)));
    }

    [Fact]
    public void A_pax_number_that_is_not_one_is_refused()
    {
        var records = RawTar.PaxRecord("gid", "seven");
        var tar = Concat(RawTar.Header("pax", 'x', records.Length), RawTar.Data(records), RawTar.Header("file", '0', 0), RawTar.End());

        Assert.Contains("PAX record gid is not a number", Assert.Throws<BootPrepException>(() => ReadAll(tar)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checksum_mismatch_is_refused()
    {
        var header = RawTar.Header("file", '0', 0);
        header[0] = (byte)'g';

        Assert.Contains("checksum mismatch", Assert.Throws<BootPrepException>(() => ReadAll(Concat(header, RawTar.End()))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_data_is_refused()
    {
        var tar = Concat(RawTar.Header("file", '0', 4096), new byte[100]);

        Assert.Contains("truncated", Assert.Throws<BootPrepException>(() => ReadAll(tar)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_that_stops_after_the_last_entrys_data_ends_there()
    {
        var tar = Concat(RawTar.Header("a", '0', 3), RawTar.Data("one"u8.ToArray()), RawTar.Header("b", '0', 3), "two"u8.ToArray());

        Assert.Equal(["one", "two"], ReadAll(tar).Data);
    }

    [Fact]
    public void An_archive_that_stops_inside_the_last_entrys_padding_ends_there()
    {
        var tar = Concat(RawTar.Header("a", '0', 3), "one"u8.ToArray(), new byte[100]);

        Assert.Equal(["one"], ReadAll(tar).Data);
    }

    [Fact]
    public void Sparse_entries_are_refused()
    {
        var tar = Concat(RawTar.Header("sparse", 'S', 0), RawTar.End());

        Assert.Contains("sparse", Assert.Throws<BootPrepException>(() => ReadAll(tar)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_on_a_symlink_is_skipped_and_never_data()
    {
        var tar = Concat(RawTar.Header("link", '2', 512, linkName: "target"), new byte[512], RawTar.Header("file", '0', 1), RawTar.Data("x"u8.ToArray()), RawTar.End());

        var (headers, data) = ReadAll(tar);

        Assert.Equal([TarEntryType.Symlink, TarEntryType.Regular], headers.Select(h => h.Type));
        Assert.Equal(["", "x"], data);
    }

    [Fact]
    public void Archive_without_end_blocks_ends_at_end_of_stream()
    {
        var tar = Concat(RawTar.Header("file", '0', 1), RawTar.Data("x"u8.ToArray()));

        Assert.Single(ReadAll(tar).Headers);
    }

    [Fact]
    public void Streams_that_cannot_seek_read_the_same_entries()
    {
        var tar = Write(TarEntryFormat.Pax, writer =>
        {
            writer.WriteEntry(new PaxTarEntry(BclTarEntryType.RegularFile, "a") { DataStream = new MemoryStream(new byte[1000]) });
            writer.WriteEntry(new PaxTarEntry(BclTarEntryType.RegularFile, "b") { DataStream = new MemoryStream("bee"u8.ToArray()) });
        });
        var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        compressed.Position = 0;
        var reader = new SafeTarReader(new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress), "test.tar.gz");
        var streamed = new List<(string Name, long Offset)>();
        while (reader.Next() is { } header)
        {
            streamed.Add((Encoding.UTF8.GetString(header.Name), header.DataOffset));
        }

        Assert.Equal(ReadAll(tar).Headers.Select(h => (Encoding.UTF8.GetString(h.Name), h.DataOffset)), streamed);
        Assert.Equal(["a", "b"], streamed.Select(e => e.Name));
    }

    [Fact]
    public void Mutated_archives_raise_only_the_format_error()
    {
        var seed = Write(TarEntryFormat.Pax, writer =>
        {
            writer.WriteEntry(new PaxTarEntry(BclTarEntryType.Directory, "usr/lib/modules/6.1"));
            writer.WriteEntry(new PaxTarEntry(BclTarEntryType.RegularFile, "usr/lib/modules/6.1/vmlinuz") { DataStream = new MemoryStream(new byte[700]) });
            writer.WriteEntry(new PaxTarEntry(BclTarEntryType.SymbolicLink, "boot") { LinkName = "/sysroot/boot" });
            writer.WriteEntry(new PaxTarEntry(BclTarEntryType.HardLink, "usr/lib/modules/6.1/copy") { LinkName = "usr/lib/modules/6.1/vmlinuz" });
        });
        var random = new Random(20261125);
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("BOOTPREP_FUZZ_ITERATIONS"), out var n) ? n : 3000;
        for (var i = 0; i < iterations; i++)
        {
            var mutated = Mutate(seed, random);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                ReadAll(mutated);
            }
            catch (BootPrepException)
            {
                // The one error type the reader may raise for bad input.
            }

            // No length in a header is trusted before the bytes are there: allocation follows the input, not its claims.
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= (8L * mutated.Length) + FuzzAllocationSlack, $"iteration {i}: {allocated} bytes allocated for a {mutated.Length}-byte input");
        }
    }

    // Buffers of fixed size (a header, a read block) and the exception's own allocations.
    private const long FuzzAllocationSlack = 256 * 1024;

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = seed[..random.Next(seed.Length + 1)];
        var flips = random.Next(1, 8);
        for (var i = 0; i < flips && data.Length > 0; i++)
        {
            var at = random.Next(data.Length);
            data[at] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)(data[at] ^ (1 << random.Next(8)));
        }

        // Keep some mutants' checksums valid so that the fields behind the checksum are exercised too.
        if (data.Length >= 512 && random.Next(2) == 0)
        {
            RawTar.WithChecksum(data.AsSpan(0, 512).ToArray()).CopyTo(data, 0);
        }

        return data;
    }

    private static (List<TarHeader> Headers, List<string> Data) ReadAll(byte[] tar)
    {
        var reader = new SafeTarReader(new MemoryStream(tar), "test.tar");
        var headers = new List<TarHeader>();
        var data = new List<string>();
        while (reader.Next() is { } header)
        {
            headers.Add(header);
            var buffer = new byte[header.Size];
            for (var read = 0; read < buffer.Length;)
            {
                read += reader.ReadData(buffer.AsSpan(read));
            }

            data.Add(Encoding.UTF8.GetString(buffer));
        }

        return (headers, data);
    }

    private static byte[] Write(TarEntryFormat format, Action<TarWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, format, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static TarEntry Entry(TarEntryFormat format, BclTarEntryType type, string name) => format switch
    {
        TarEntryFormat.Gnu => new GnuTarEntry(type, name),
        TarEntryFormat.Ustar => new UstarTarEntry(type, name),
        _ => new PaxTarEntry(type, name),
    };

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
