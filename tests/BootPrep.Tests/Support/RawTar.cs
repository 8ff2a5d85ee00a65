using System.Text;

namespace BootPrep.Tests.Support;

/// <summary>Hand-made tar blocks, for archives no well-behaved writer produces.</summary>
internal static class RawTar
{
    /// <summary>A 512-byte ustar header with a correct checksum; <paramref name="sizeField"/> overrides the octal size.</summary>
    public static byte[] Header(string name, char type, long size, byte[]? sizeField = null, string linkName = "")
    {
        var block = new byte[512];
        Encoding.ASCII.GetBytes(name).AsSpan(0, Math.Min(name.Length, 100)).CopyTo(block);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(block, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(block, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(block, 116);
        (sizeField ?? Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0")).CopyTo(block, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(block, 136);
        block[156] = (byte)type;
        Encoding.ASCII.GetBytes(linkName).CopyTo(block, 157);
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(block, 257);
        return WithChecksum(block);
    }

    /// <summary>Sets the checksum field of <paramref name="block"/> for its current content.</summary>
    public static byte[] WithChecksum(byte[] block)
    {
        "        "u8.CopyTo(block.AsSpan(148));
        var sum = block.Sum(b => (long)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(block, 148);
        return block;
    }

    /// <summary>Data padded to whole blocks.</summary>
    public static byte[] Data(byte[] data) => [.. data, .. new byte[(512 - data.Length % 512) % 512]];

    /// <summary>The two zero blocks that end an archive.</summary>
    public static byte[] End() => new byte[1024];

    /// <summary>A PAX record "len key=value\n".</summary>
    public static byte[] PaxRecord(string key, string value)
    {
        var body = $" {key}={value}\n";
        var length = body.Length + 1;
        while ((length.ToString(System.Globalization.CultureInfo.InvariantCulture) + body).Length != length)
        {
            length++;
        }

        return Encoding.UTF8.GetBytes(length.ToString(System.Globalization.CultureInfo.InvariantCulture) + body);
    }
}
