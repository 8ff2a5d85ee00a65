namespace BootPrep.Layers.Chunked;

/// <summary>
/// Fills in what an eStargz table of contents leaves implicit (stargz-snapshotter estargz.go, initFields): the size of a
/// file's last chunk (0 in the table: the rest of the file), and where a file's compressed data ends, which is the next
/// offset the table names (each chunk starts a gzip member), or the table itself after the last file.
/// </summary>
internal static class EstargzEntries
{
    /// <summary><paramref name="entries"/> with every chunk's size and every regular file's <c>EndOffset</c> stated.</summary>
    public static List<TocEntry> Complete(List<TocEntry> entries, long tocOffset)
    {
        var ends = new long[entries.Count];
        var next = tocOffset;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            ends[i] = next;
            if (entries[i].Offset != 0)
            {
                next = entries[i].Offset;
            }
        }

        var completed = new List<TocEntry>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Type == Tar.TarEntryType.Regular && entry.Size > 0)
            {
                var last = i;
                while (last + 1 < entries.Count && entries[last + 1].Type is null)
                {
                    last++;
                }

                completed.Add(entry with { EndOffset = ends[last], ChunkSize = entry.ChunkSize == 0 ? entry.Size : entry.ChunkSize });
                for (var chunk = i + 1; chunk <= last; chunk++)
                {
                    var piece = entries[chunk];
                    completed.Add(piece.ChunkSize == 0 ? piece with { ChunkSize = entry.Size - piece.ChunkOffset } : piece);
                }

                i = last;
            }
            else
            {
                completed.Add(entry);
            }
        }

        return completed;
    }
}
