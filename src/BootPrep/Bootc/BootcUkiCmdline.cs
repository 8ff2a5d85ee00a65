using System.Buffers;
using System.Buffers.Binary;
using System.Text.Unicode;
using BootPrep.Binary;
using BootPrep.Files;

namespace BootPrep.Bootc;

/// <summary>
/// The one read bootc 1.16 makes of the UKI it chooses: its <c>.cmdline</c> section, found as composefs-boot's
/// <c>uki::get_section_buffered</c> finds it (only the PE offset at 0x3c, the PE signature, and the whole section
/// table are checked; the section's VirtualSize bytes are read) and then required to be UTF-8. A missing section is
/// fine; anything else that fails is an error for bootc (crates/lib/src/kernel.rs, <c>find_kernel</c>).
/// </summary>
public static class BootcUkiCmdline
{
    private const int DosStubSize = 0x40;
    private const int PeOffsetField = 0x3c;
    private const int PeHeaderSize = 24;
    private const int NumberOfSectionsField = 6;
    private const int SizeOfOptionalHeaderField = 20;
    private const int SectionHeaderSize = 40;
    private const int VirtualSizeField = 8;
    private const int PointerToRawDataField = 20;

    private static ReadOnlySpan<byte> PeSignature => "PE\0\0"u8;

    private static ReadOnlySpan<byte> CmdlineName => ".cmdline"u8;

    /// <summary>Why bootc would refuse the UKI <paramref name="file"/> at <paramref name="path"/>; null when it reads it.</summary>
    public static BootcRefusal? Check(FileRange file, ImagePath path)
    {
        Span<byte> dos = stackalloc byte[DosStubSize];
        if (file.ReadAt(0, dos) < DosStubSize)
        {
            return NotAPe(path, $"{file.Length} bytes is shorter than the {DosStubSize}-byte DOS header");
        }

        long peOffset = BinaryPrimitives.ReadUInt32LittleEndian(dos[PeOffsetField..]);
        Span<byte> pe = stackalloc byte[PeHeaderSize];
        if (file.ReadAt(peOffset, pe) < PeHeaderSize)
        {
            return NotAPe(path, $"the PE header at offset {peOffset} is past the end of the file");
        }

        if (!pe[..PeSignature.Length].SequenceEqual(PeSignature))
        {
            return NotAPe(path, $"no PE signature at offset {peOffset}");
        }

        int sections = BinaryPrimitives.ReadUInt16LittleEndian(pe[NumberOfSectionsField..]);
        var table = peOffset + PeHeaderSize + BinaryPrimitives.ReadUInt16LittleEndian(pe[SizeOfOptionalHeaderField..]);
        if (table + ((long)sections * SectionHeaderSize) > file.Length)
        {
            return NotAPe(path, $"the table of {sections} sections at offset {table} runs past the end of the file");
        }

        Span<byte> header = stackalloc byte[SectionHeaderSize];
        for (var i = 0; i < sections; i++)
        {
            file.ReadAt(table + ((long)i * SectionHeaderSize), header);
            if (header[..CmdlineName.Length].SequenceEqual(CmdlineName))
            {
                return CheckText(file, path, BinaryPrimitives.ReadUInt32LittleEndian(header[PointerToRawDataField..]), BinaryPrimitives.ReadUInt32LittleEndian(header[VirtualSizeField..]));
            }
        }

        return null;
    }

    private static BootcRefusal? CheckText(FileRange file, ImagePath path, long offset, long size)
    {
        if (offset + size > file.Length)
        {
            return NotAPe(path, $"section .cmdline ({size} bytes at offset {offset}) runs past the end of the file");
        }

        // Validated in chunks; a character cut by a chunk's end is carried over to the next.
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var carried = 0;
            for (long done = 0; done < size;)
            {
                var count = (int)Math.Min(bytes.Length - carried, size - done);
                file.ReadAt(offset + done, bytes.AsSpan(carried, count));
                done += count;
                var chunk = bytes.AsSpan(0, carried + count);
                if (Utf8.ToUtf16(chunk, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: done == size) == OperationStatus.InvalidData)
                {
                    return new BootcRefusal(BootcRefusalCode.NotUtf8, path, "section .cmdline is not UTF-8");
                }

                carried = chunk.Length - read;
                chunk[read..].CopyTo(bytes);
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static BootcRefusal NotAPe(ImagePath path, string problem) =>
        new(BootcRefusalCode.NotAPe, path, $"not a PE image bootc can read: {problem}");
}
