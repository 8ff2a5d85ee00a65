namespace BootPrep.Layers;

/// <summary>Compares file names as the bytes the layers hold: a name is kept once, as its bytes, not as a string.</summary>
internal sealed class NameComparer : IEqualityComparer<byte[]>
{
    public static NameComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] name)
    {
        var hash = new HashCode();
        hash.AddBytes(name);
        return hash.ToHashCode();
    }
}
