using System.Collections.Concurrent;

namespace BootPrep.Layers;

/// <summary>
/// Bytes appended in pages small enough to stay out of the large object heap, each piece kept whole in one page and
/// found again by an <see cref="int"/> position: names and records cost their bytes, with no array or object each,
/// and growing never copies what is already there.
/// </summary>
/// <param name="spare">Where full-size pages come from and go back to on <see cref="Dispose"/>; null for an arena kept until collected.</param>
internal sealed class ByteArena(ConcurrentStack<byte[]>? spare = null) : IDisposable
{
    /// <summary>The size of a page; a longer piece gets a page of its own.</summary>
    public const int PageSize = 1 << PageBits;

    private const int PageBits = 16;
    private const int MaxPages = int.MaxValue >> PageBits;

    private readonly List<byte[]> _pages = [];
    private readonly List<int> _used = [];

    /// <summary>Where reading the pieces in order (with <see cref="After"/>) ends.</summary>
    public int End => Position(_pages.Count, 0);

    /// <summary>Appends <paramref name="bytes"/> in one page; returns where they start.</summary>
    public int Append(ReadOnlySpan<byte> bytes)
    {
        if (_pages.Count == 0 || _used[^1] + bytes.Length > _pages[^1].Length)
        {
            if (_pages.Count == MaxPages)
            {
                throw new InvalidOperationException($"more than {(long)MaxPages * PageSize} bytes in one arena");
            }

            _pages.Add(bytes.Length <= PageSize && spare?.TryPop(out var page) == true ? page : new byte[Math.Max(bytes.Length, PageSize)]);
            _used.Add(0);
        }

        var start = _used[^1];
        bytes.CopyTo(_pages[^1].AsSpan(start));
        _used[^1] = start + bytes.Length;
        return Position(_pages.Count - 1, start);
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="position"/>.</summary>
    public ReadOnlySpan<byte> Read(int position, int length) => _pages[position >> PageBits].AsSpan(position & (PageSize - 1), length);

    /// <summary>The bytes from <paramref name="position"/> to the end of what its page holds, for reading a piece of unknown length.</summary>
    public ReadOnlySpan<byte> ReadToPageEnd(int position) => _pages[position >> PageBits].AsSpan((position & (PageSize - 1))..(_used[position >> PageBits]));

    /// <summary>The position after the <paramref name="length"/> bytes at <paramref name="position"/>, in the order they were appended.</summary>
    public int After(int position, int length)
    {
        var page = position >> PageBits;
        var next = (position & (PageSize - 1)) + length;
        return next < _used[page] ? Position(page, next) : Position(page + 1, 0);
    }

    /// <summary>Gives the full-size pages back to the pool the arena was made with; the arena is then empty.</summary>
    public void Dispose()
    {
        foreach (var page in _pages.Where(page => page.Length == PageSize))
        {
            spare?.Push(page);
        }

        _pages.Clear();
        _used.Clear();
    }

    private static int Position(int page, int offset) => (page << PageBits) | offset;
}
