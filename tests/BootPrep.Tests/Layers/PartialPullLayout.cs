using BootPrep.Tests.Support;

namespace BootPrep.Tests.Layers;

/// <summary>
/// The bootable image the partial-pull tests convert (to zstd:chunked, to eStargz): a 12 MiB layer of other files, the
/// kernel's layer (a 2 MiB initramfs, large enough to be cut into chunks), and a layer of kargs, links and a whiteout.
/// The bytes come from a seeded generator, so the layout is the same on every run.
/// </summary>
internal static class PartialPullLayout
{
    /// <summary>Writes the image's OCI layout (gzip layers, ref <c>latest</c>) to <paramref name="directory"/>; returns the initramfs's bytes.</summary>
    public static byte[] Write(string directory)
    {
        var random = new Random(42);
        byte[] Bytes(int size)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            return bytes;
        }

        byte[] initramfs = [0x1f, 0x8b, .. Bytes(2 << 20)];
        new OciImageBuilder()
            .Layer(layer =>
            {
                layer.File("etc/os-release", "ID=chunked\nVERSION_ID=1\n");
                for (var i = 0; i < 48; i++)
                {
                    layer.File($"usr/share/payload/{i:D2}.bin", Bytes(256 << 10));
                }
            })
            .Layer(layer => layer
                .File("usr/lib/modules/6.12.0/vmlinuz", KernelBytes.BzImage("6.12.0 (builder@fedora) #1 SMP"))
                .File("usr/lib/modules/6.12.0/initramfs.img", initramfs))
            .Layer(layer => layer
                .File("usr/lib/bootc/kargs.d/10-console.toml", "kargs = [\"console=ttyS0\"]\n")
                .Symlink("usr/lib/os-release", "../../etc/os-release")
                .HardLink("usr/share/payload/copy.bin", "usr/share/payload/00.bin")
                .Whiteout("usr/share/payload/47.bin"))
            .WriteLayout(directory);
        return initramfs;
    }
}
