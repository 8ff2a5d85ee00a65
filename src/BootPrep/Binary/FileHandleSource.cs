using Microsoft.Win32.SafeHandles;

namespace BootPrep.Binary;

/// <summary>A file read with pread(2): readers of one file never disturb each other.</summary>
internal sealed class FileHandleSource(SafeFileHandle handle) : RandomAccessSource
{
    public override long Length { get; } = RandomAccess.GetLength(handle);

    public override int Read(Span<byte> buffer, long offset) => RandomAccess.Read(handle, buffer, offset);
}
