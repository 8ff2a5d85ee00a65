using System.Buffers.Binary;
using System.Text;

namespace BootPrep.Tests.Support;

/// <summary>Synthetic kernel image headers: an x86 bzImage setup header, an arm64 Image header, an EFI zboot header.</summary>
internal static class KernelBytes
{
    /// <summary>
    /// A bzImage of 4 setup sectors whose header points at <paramref name="version"/>, with an xz payload and a
    /// cmdline_size of <paramref name="cmdlineSize"/> (2047, as x86 kernels have).
    /// </summary>
    public static byte[] BzImage(string version, ushort protocol = 0x020f, ushort xloadflags = 0x1f, uint cmdlineSize = 2047)
    {
        var image = new byte[0x2000];
        image[0x1f1] = 4;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x1fe), 0xaa55);
        "HdrS"u8.CopyTo(image.AsSpan(0x202));
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x206), protocol);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x20e), 0x400);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x236), xloadflags);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x238), cmdlineSize);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x248), 0x10);
        Encoding.ASCII.GetBytes(version).CopyTo(image, 0x600);
        new byte[] { 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00 }.CopyTo(image, (5 * 512) + 0x10);
        return image;
    }

    /// <summary>An arm64 Image header: 4k pages, little-endian, an image size of 0x2000000.</summary>
    public static byte[] Arm64Image()
    {
        var image = new byte[0x1000];
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(16), 0x2000000);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(24), 0b010);
        "ARM\x64"u8.CopyTo(image.AsSpan(0x38));
        return image;
    }

    /// <summary>An EFI zboot image whose header names <paramref name="compression"/> and carries <paramref name="payload"/> at 0x100.</summary>
    public static byte[] Zboot(string compression, byte[] payload)
    {
        var image = Zboot(compression, (uint)payload.Length);
        Array.Resize(ref image, 0x100 + payload.Length);
        payload.CopyTo(image, 0x100);
        return image;
    }

    /// <summary>An EFI zboot image whose header names <paramref name="compression"/> and a payload at 0x100 of <paramref name="payloadSize"/> bytes.</summary>
    public static byte[] Zboot(string compression, uint payloadSize = 0x100)
    {
        var image = new byte[0x200];
        "MZ"u8.CopyTo(image);
        "zimg"u8.CopyTo(image.AsSpan(4));
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(8), 0x100);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(12), payloadSize);
        Encoding.ASCII.GetBytes(compression).CopyTo(image, 24);
        return image;
    }
}
