using System.Buffers.Binary;
using System.Globalization;
using BootPrep.Binary;
using BootPrep.Errors;

namespace BootPrep.KernelImages;

/// <summary>
/// The x86 boot protocol's setup header of a bzImage (Documentation/arch/x86/boot.rst): the protocol version,
/// the kernel version string the header points at, and the flags a loader such as kexec checks.
/// </summary>
/// <param name="BootProtocol">The protocol version, e.g. "2.15".</param>
/// <param name="Version">The kernel's version string, e.g. "6.1.0-56-amd64 (debian-kernel@…) #1 SMP …"; null when the header has none.</param>
/// <param name="Release">The first word of <paramref name="Version"/>, which names the module directory.</param>
/// <param name="SetupSectors">The 512-byte sectors of real-mode setup code after the boot sector.</param>
/// <param name="Xloadflags">The set bits of xloadflags by name (protocol 2.12 and later).</param>
/// <param name="PayloadCompression">The compression of the kernel payload, from its magic.</param>
/// <param name="EfiStub">True when the image is also a PE/EFI executable.</param>
/// <param name="CmdlineSize">The longest command line the kernel takes, without its NUL (cmdline_size; 255 before protocol 2.06).</param>
public sealed record BzImageHeader(
    string BootProtocol,
    string? Version,
    string? Release,
    int SetupSectors,
    IReadOnlyList<string> Xloadflags,
    string? PayloadCompression,
    bool EfiStub,
    long CmdlineSize)
{
    /// <summary>The format name in errors and JSON.</summary>
    public const string Format = "bzImage";

    private const int SetupSectorsOffset = 0x1f1;
    private const int HeaderMagicOffset = 0x202;
    private const int ProtocolOffset = 0x206;
    private const int KernelVersionOffset = 0x20e;
    private const int XloadflagsOffset = 0x236;
    private const int CmdlineSizeOffset = 0x238;
    private const int OldCmdlineSize = 255;
    private const int PayloadOffsetOffset = 0x248;
    private const int SectorSize = 512;
    private const int MaxVersionLength = 512;

    /// <summary>The bytes of the boot sector and setup header, from the start of the file.</summary>
    public const int HeaderSize = 0x268;

    // arch/x86/include/uapi/asm/bootparam.h, in bit order.
    private static readonly string[] s_xloadflagNames =
    [
        "kernel-64", "can-be-loaded-above-4g", "efi-handover-32", "efi-handover-64", "efi-kexec", "5level", "5level-enabled", "mem-encryption",
    ];

    /// <summary>True when <paramref name="header"/> (<see cref="HeaderSize"/> bytes) carries the "HdrS" setup header magic at 0x202.</summary>
    public static bool Matches(ReadOnlySpan<byte> header) => header[HeaderMagicOffset..].StartsWith("HdrS"u8);

    /// <summary>
    /// Reads the setup <paramref name="header"/> of <paramref name="file"/> (<see cref="HeaderSize"/> bytes, zero past
    /// the end of the file); throws <see cref="KernelFormatException"/> when it is cut short.
    /// </summary>
    public static BzImageHeader Read(ReadOnlySpan<byte> header, FileRange file, bool efiStub)
    {
        if (file.Length < XloadflagsOffset)
        {
            throw new KernelFormatException(Format, $"the setup header is cut short: the file has {file.Length} bytes");
        }

        var protocol = BinaryPrimitives.ReadUInt16LittleEndian(header[ProtocolOffset..]);
        var setupSectors = header[SetupSectorsOffset] == 0 ? 4 : header[SetupSectorsOffset];
        var setupEnd = (setupSectors + 1L) * SectorSize;
        var version = ReadVersion(file, BinaryPrimitives.ReadUInt16LittleEndian(header[KernelVersionOffset..]), setupEnd);
        var xloadflags = protocol >= 0x20c ? BinaryPrimitives.ReadUInt16LittleEndian(header[XloadflagsOffset..]) : 0;
        string? payloadCompression = null;
        if (protocol >= 0x208)
        {
            Span<byte> magic = stackalloc byte[Compression.MagicLength];
            file.ReadAt(setupEnd + BinaryPrimitives.ReadUInt32LittleEndian(header[PayloadOffsetOffset..]), magic);
            payloadCompression = Compression.Detect(magic) ?? Compression.Unknown;
        }

        return new BzImageHeader(
            string.Create(CultureInfo.InvariantCulture, $"{protocol >> 8}.{protocol & 0xff}"),
            version,
            version?.Split(' ', 2)[0],
            setupSectors,
            [.. s_xloadflagNames.Where((_, bit) => (xloadflags & (1 << bit)) != 0)],
            payloadCompression,
            efiStub,
            protocol >= 0x206 && file.Length >= CmdlineSizeOffset + 4
                ? BinaryPrimitives.ReadUInt32LittleEndian(header[CmdlineSizeOffset..])
                : OldCmdlineSize);
    }

    /// <summary>The NUL-terminated string at <paramref name="pointer"/> + 0x200, which must lie in the setup code.</summary>
    private static string? ReadVersion(FileRange file, ushort pointer, long setupEnd)
    {
        if (pointer == 0)
        {
            return null;
        }

        var start = pointer + SectorSize;
        if (start >= setupEnd || !file.Contains(start, 1))
        {
            throw new KernelFormatException(Format, $"kernel_version points at 0x{start:x}, outside the setup code (0x{setupEnd:x} bytes)");
        }

        Span<byte> text = stackalloc byte[MaxVersionLength];
        var read = file.ReadAt(start, text[..(int)Math.Min(MaxVersionLength, setupEnd - start)]);
        var end = text[..read].IndexOf((byte)0);
        var bytes = text[..(end < 0 ? read : end)];
        return Utf8Text.TryDecode(bytes) ?? Utf8Text.Escape(bytes);
    }
}
