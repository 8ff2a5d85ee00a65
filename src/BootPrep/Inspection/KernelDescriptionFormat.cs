using BootPrep.Errors;
using BootPrep.KernelImages;
using BootPrep.Pe;
using BootPrep.Uki;

namespace BootPrep.Inspection;

/// <summary>
/// How <see cref="KernelDescriptionCache"/> writes a <see cref="KernelDescription"/>: every member of every record in
/// constructor order, each read back by the reader beside its writer. A value the reader does not know (a kind of
/// image, a diagnostic code, a count past the end) makes the entry unreadable, never half read.
/// </summary>
internal static class KernelDescriptionFormat
{
    private const byte BzImage = 1;
    private const byte Arm64Image = 2;
    private const byte Zboot = 3;
    private const byte Compressed = 4;
    private const byte Unreadable = 5;
    private const byte Unknown = 6;

    /// <summary>Writes <paramref name="description"/>.</summary>
    public static void Write(BinaryWriter writer, KernelDescription description)
    {
        writer.Write(description.Sha256);
        WriteOptional(writer, description.Image, WriteImage);
        WriteOptional(writer, description.Uki, WriteUki);
        WriteList(writer, description.Errors, WriteDiagnostic);
        WriteList(writer, description.LinuxErrors, WriteDiagnostic);
        WriteList(writer, description.Warnings, WriteDiagnostic);
    }

    /// <summary>Reads a description <see cref="Write"/> wrote.</summary>
    public static KernelDescription Read(BinaryReader reader) => new(
        reader.ReadString(),
        ReadOptional(reader, ReadImage),
        ReadOptional(reader, ReadUki),
        ReadList(reader, ReadDiagnostic),
        ReadList(reader, ReadDiagnostic),
        ReadList(reader, ReadDiagnostic));

    private static void WriteImage(BinaryWriter writer, KernelImage image)
    {
        writer.Write(image switch
        {
            KernelImage.BzImage => BzImage,
            KernelImage.Arm64Image => Arm64Image,
            KernelImage.Zboot => Zboot,
            KernelImage.Compressed => Compressed,
            KernelImage.Unreadable => Unreadable,
            KernelImage.Unknown => Unknown,
            _ => throw new InvalidDataException($"no format for a {image.GetType().Name}"),
        });
        writer.Write(image.Size);
        writer.Write(image.Sha256);
        WriteOptional(writer, image.Signature, WriteSignature);
        switch (image)
        {
            case KernelImage.BzImage { Header: var header }:
                writer.Write(header.BootProtocol);
                WriteOptional(writer, header.Version);
                WriteOptional(writer, header.Release);
                writer.Write(header.SetupSectors);
                WriteList(writer, header.Xloadflags, (w, flag) => w.Write(flag));
                WriteOptional(writer, header.PayloadCompression);
                writer.Write(header.EfiStub);
                writer.Write(header.CmdlineSize);
                break;
            case KernelImage.Arm64Image { Header: var header }:
                writer.Write(header.TextOffset);
                writer.Write(header.ImageSize);
                writer.Write(header.BigEndian);
                WriteOptional(writer, header.PageSize);
                writer.Write(header.EfiStub);
                break;
            case KernelImage.Zboot { Header: var header }:
                writer.Write(header.PayloadOffset);
                writer.Write(header.PayloadSize);
                writer.Write(header.Compression);
                break;
            case KernelImage.Compressed or KernelImage.Unreadable:
                writer.Write(image.Format);
                break;
        }
    }

    private static KernelImage ReadImage(BinaryReader reader)
    {
        var kind = reader.ReadByte();
        var size = reader.ReadInt64();
        var sha256 = reader.ReadString();
        var signature = ReadOptional(reader, ReadSignature);
        return kind switch
        {
            BzImage => new KernelImage.BzImage(size, sha256, signature, new BzImageHeader(
                reader.ReadString(),
                ReadOptionalString(reader),
                ReadOptionalString(reader),
                reader.ReadInt32(),
                ReadList(reader, r => r.ReadString()),
                ReadOptionalString(reader),
                reader.ReadBoolean(),
                reader.ReadInt64())),
            Arm64Image => new KernelImage.Arm64Image(size, sha256, signature, new Arm64ImageHeader(
                reader.ReadUInt64(),
                reader.ReadUInt64(),
                reader.ReadBoolean(),
                ReadOptionalString(reader),
                reader.ReadBoolean())),
            Zboot => new KernelImage.Zboot(size, sha256, signature, new ZbootHeader(reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadString())),
            Compressed => new KernelImage.Compressed(reader.ReadString(), size, sha256, signature),
            Unreadable => new KernelImage.Unreadable(reader.ReadString(), size, sha256, signature),
            Unknown => new KernelImage.Unknown(size, sha256, signature),
            _ => throw new InvalidDataException($"unknown kind of image {kind}"),
        };
    }

    private static void WriteUki(BinaryWriter writer, UkiDescription uki)
    {
        writer.Write(uki.Machine);
        WriteList(writer, uki.Sections, WriteSection);
        WriteOptional(writer, uki.Cmdline);
        WriteOptional(writer, uki.OsRelease, (w, keys) => WriteList(w, [.. keys], WriteKey));
        WriteOptional(writer, uki.Uname);
        WriteOptional(writer, uki.Sbat);
        WriteOptional(writer, uki.InitrdSize, (w, size) => w.Write(size));
        WriteOptional(writer, uki.UcodeSize, (w, size) => w.Write(size));
        WriteOptional(writer, uki.Profiles, (w, profiles) => WriteList(w, profiles, WriteProfile));
        WriteOptional(writer, uki.Signature, WriteSignature);
    }

    // A UKI's addons are other files: the description holds none.
    private static UkiDescription ReadUki(BinaryReader reader) => new(
        reader.ReadString(),
        ReadList(reader, ReadSection),
        ReadOptionalString(reader),
        ReadOptional(reader, r => ReadList(r, ReadKey).ToDictionary(StringComparer.Ordinal)),
        ReadOptionalString(reader),
        ReadOptionalString(reader),
        ReadOptionalValue(reader, r => r.ReadInt64()),
        ReadOptionalValue(reader, r => r.ReadInt64()),
        ReadOptional(reader, r => ReadList(r, ReadProfile)),
        [],
        null,
        ReadOptional(reader, ReadSignature));

    // One key of an os-release text; the keys are kept in the order the text gives them.
    private static void WriteKey(BinaryWriter writer, KeyValuePair<string, string> key)
    {
        writer.Write(key.Key);
        writer.Write(key.Value);
    }

    private static KeyValuePair<string, string> ReadKey(BinaryReader reader) => KeyValuePair.Create(reader.ReadString(), reader.ReadString());

    private static void WriteSection(BinaryWriter writer, UkiSection section)
    {
        writer.Write(section.Name);
        writer.Write(section.VirtualSize);
        writer.Write(section.RawSize);
        writer.Write(section.FileOffset);
        writer.Write(section.Size);
        WriteOptional(writer, section.Sha256);
        WriteOptional(writer, section.Profile, (w, profile) => w.Write(profile));
    }

    private static UkiSection ReadSection(BinaryReader reader) => new(
        reader.ReadString(),
        reader.ReadUInt32(),
        reader.ReadUInt32(),
        reader.ReadUInt32(),
        reader.ReadInt64(),
        ReadOptionalString(reader),
        ReadOptionalValue(reader, r => r.ReadInt32()));

    private static void WriteProfile(BinaryWriter writer, UkiProfile profile)
    {
        writer.Write(profile.Index);
        WriteOptional(writer, profile.Id);
        WriteOptional(writer, profile.Title);
        WriteList(writer, profile.Sections, (w, name) => w.Write(name));
        WriteOptional(writer, profile.Cmdline);
    }

    private static UkiProfile ReadProfile(BinaryReader reader) => new(
        reader.ReadInt32(),
        ReadOptionalString(reader),
        ReadOptionalString(reader),
        ReadList(reader, r => r.ReadString()),
        ReadOptionalString(reader));

    private static void WriteSignature(BinaryWriter writer, PeSignature signature)
    {
        writer.Write(signature.Signed);
        writer.Write(signature.Verified);
        WriteList(writer, signature.Signers, (w, signer) =>
        {
            w.Write(signer.Subject);
            w.Write(signer.Issuer);
            w.Write(signer.DigestAlgorithm);
        });
    }

    private static PeSignature ReadSignature(BinaryReader reader) => new(
        reader.ReadBoolean(),
        reader.ReadBoolean(),
        ReadList(reader, r => new PeSigner(r.ReadString(), r.ReadString(), r.ReadString())));

    private static void WriteDiagnostic(BinaryWriter writer, Diagnostic diagnostic)
    {
        writer.Write((int)diagnostic.Code);
        writer.Write(diagnostic.Message);
    }

    private static Diagnostic ReadDiagnostic(BinaryReader reader)
    {
        var code = (DiagnosticCode)reader.ReadInt32();
        return Enum.IsDefined(code) ? new Diagnostic(code, reader.ReadString()) : throw new InvalidDataException($"unknown diagnostic code {(int)code}");
    }

    private static void WriteList<T>(BinaryWriter writer, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        writer.Write7BitEncodedInt(items.Count);
        foreach (var item in items)
        {
            write(writer, item);
        }
    }

    // Every item takes a byte at least: a count larger than what is left is damage, not a reason to allocate.
    private static List<T> ReadList<T>(BinaryReader reader, Func<BinaryReader, T> read)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"a count of {count} past the end");
        }

        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(read(reader));
        }

        return items;
    }

    private static void WriteOptional<T>(BinaryWriter writer, T? value, Action<BinaryWriter, T> write)
        where T : class
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            write(writer, value);
        }
    }

    private static void WriteOptional<T>(BinaryWriter writer, T? value, Action<BinaryWriter, T> write)
        where T : struct
    {
        writer.Write(value.HasValue);
        if (value is { } present)
        {
            write(writer, present);
        }
    }

    private static void WriteOptional(BinaryWriter writer, string? value) => WriteOptional(writer, value, (w, text) => w.Write(text));

    private static T? ReadOptional<T>(BinaryReader reader, Func<BinaryReader, T> read)
        where T : class =>
        reader.ReadBoolean() ? read(reader) : null;

    private static T? ReadOptionalValue<T>(BinaryReader reader, Func<BinaryReader, T> read)
        where T : struct =>
        reader.ReadBoolean() ? read(reader) : null;

    private static string? ReadOptionalString(BinaryReader reader) => ReadOptional(reader, r => r.ReadString());
}
