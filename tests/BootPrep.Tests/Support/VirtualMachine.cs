using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace BootPrep.Tests.Support;

/// <summary>
/// Boots Debian's kernel in QEMU (software emulation) with an initramfs holding the NativeAOT bootprep, the
/// libraries it loads, busybox, and image roots to stage; /init runs a scenario script and powers off. The serial
/// console comes back as text. Built once per test run, in the run's own directory (<see cref="RunScratch"/>).
/// </summary>
internal static partial class VirtualMachine
{
    public const string Qemu = "qemu-system-x86_64";

    /// <summary>Where the initramfs keeps the image roots.</summary>
    public const string Images = "/images";

    private static readonly Lazy<string> s_baseInitramfs = new(BuildBaseInitramfs);

    private const string OuterInit = """
        #!/bin/busybox sh
        /bin/busybox --install -s /bin
        mount -t proc proc /proc
        mount -t sysfs sys /sys
        mount -t devtmpfs dev /dev
        mount -t securityfs securityfs /sys/kernel/security
        step() { label=$1; shift; "$@"; echo "BOOTPREP-EXIT $label $?"; }
        . /scenario.sh
        poweroff -f
        """;

    /// <summary>
    /// Boots with <paramref name="scenario"/> as /scenario.sh (sourced by /init, with <c>step LABEL COMMAND…</c>
    /// printing "BOOTPREP-EXIT LABEL CODE"), <paramref name="cmdline"/> added and, with <paramref name="tree"/>, the
    /// entries of that host directory added at /; returns the serial console.
    /// </summary>
    public static string Boot(string scenario, string cmdline = "", string? tree = null)
    {
        var baseInitramfs = s_baseInitramfs.Value;
        var initramfs = Path.Combine(RunScratch.Directory, $"boot-{Guid.NewGuid():N}.cpio");
        try
        {
            using (var output = File.Create(initramfs))
            {
                using (var baseImage = File.OpenRead(baseInitramfs))
                {
                    baseImage.CopyTo(output);
                }

                if (tree is not null)
                {
                    var archive = initramfs + ".tree";
                    ExternalTool.Run("sh", "-c", $"cd '{tree}' && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet > '{archive}'");
                    using (var treeImage = File.OpenRead(archive))
                    {
                        treeImage.CopyTo(output);
                    }

                    File.Delete(archive);
                }

                output.Write(Cpio(new Dictionary<string, string> { ["scenario.sh"] = scenario }));
            }

            return Run(initramfs, $"console=ttyS0 panic=-1 {cmdline}".Trim());
        }
        finally
        {
            File.Delete(initramfs);
        }
    }

    /// <summary>The value printed after "BOOTPREP-EXIT <paramref name="label"/>", or a failure showing the log.</summary>
    public static int ExitCode(string log, string label)
    {
        var match = Regex.Match(log, $@"BOOTPREP-EXIT {Regex.Escape(label)} (\d+)");
        Assert.True(match.Success, $"no exit code for {label} in the serial log:\n{Tail(log)}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The last lines of a log, for failure messages.</summary>
    public static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(60));

    private static string Run(string initramfs, string cmdline)
    {
        var start = new ProcessStartInfo(Qemu)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[]
        {
            "-accel", "tcg", "-m", "1024", "-smp", "1", "-nographic", "-no-reboot", "-serial", "mon:stdio",
            "-kernel", DebianKernel.Vmlinuz, "-initrd", initramfs, "-append", cmdline,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var qemu = Process.Start(start)!;
        var stderr = qemu.StandardError.ReadToEndAsync();
        var stdout = qemu.StandardOutput.ReadToEndAsync();
        if (!qemu.WaitForExit(TimeSpan.FromSeconds(150)))
        {
            qemu.Kill(entireProcessTree: true);
            qemu.WaitForExit();
            Assert.Fail($"the virtual machine did not power off within 150 s:\n{Tail(stdout.Result)}");
        }

        return stdout.Result + stderr.Result;
    }

    private static string BuildBaseInitramfs()
    {
        var root = Directory.CreateDirectory(Path.Combine(RunScratch.Directory, "root")).FullName;
        var bootprep = NativeBinary.Path;
        foreach (var directory in new[] { "bin", "proc", "sys", "dev", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(root, directory));
        }

        File.Copy("/bin/busybox", Path.Combine(root, "bin", "busybox"));
        File.Copy(bootprep, Path.Combine(root, "bin", "bootprep"));
        foreach (var library in NativeBinary.Libraries(withOpenSsl: true))
        {
            var target = Path.Combine(root, library.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(library, target, overwrite: true);
        }

        File.WriteAllText(Path.Combine(root, "init"), OuterInit.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(Path.Combine(root, "init"), (UnixFileMode)0x1ed);
        WriteImages(Path.Combine(root, Images.TrimStart('/')));

        var initramfs = Path.Combine(RunScratch.Directory, "base.cpio");
        ExternalTool.Run("sh", "-c", $"cd '{root}' && find . | LC_ALL=C sort | cpio -o -H newc --quiet > '{initramfs}'");
        return initramfs;
    }

    /// <summary>The image roots the scenarios stage; see <see cref="Images"/>.</summary>
    private static void WriteImages(string images)
    {
        var release = DebianKernel.Release;
        var modules = $"usr/lib/modules/{release}";

        // The image's initramfs is the fixture initramfs with /marker replaced, so the booted kernel shows which it got.
        var vmlinuzRoot = Path.Combine(images, "vmlinuz", modules);
        Directory.CreateDirectory(vmlinuzRoot);
        File.Copy(DebianKernel.Vmlinuz, Path.Combine(vmlinuzRoot, "vmlinuz"));
        File.WriteAllBytes(Path.Combine(vmlinuzRoot, "initramfs.img"), [.. Padded(File.ReadAllBytes(DebianKernel.Initrd)), .. Cpio(new Dictionary<string, string> { ["marker"] = "image-initramfs\n" })]);

        var corrupt = Path.Combine(images, "corrupt", modules);
        Directory.CreateDirectory(corrupt);
        var garbage = new byte[1 << 20];
        new Random(5).NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(corrupt, "vmlinuz"), garbage);

        new OciImageBuilder()
            .Layer(layer => layer.File("boot/EFI/Linux/debian.efi", File.ReadAllBytes(DebianKernel.Uki)))
            .Layer(layer => layer.File("boot/EFI/Linux/debian.efi.extra.d/quiet.addon.efi", File.ReadAllBytes(DebianKernel.Addon)), LayerCompression.Zstd)
            .WriteLayout(Path.Combine(images, "uki-layout"));
    }


    /// <summary>A newc cpio archive of regular files (mode 0755), as the kernel unpacks it.</summary>
    private static byte[] Cpio(IReadOnlyDictionary<string, string> files)
    {
        var archive = new MemoryStream();
        var inode = 1000;
        foreach (var (name, content) in files.Append(new KeyValuePair<string, string>("TRAILER!!!", "")))
        {
            var data = Encoding.UTF8.GetBytes(content);
            var trailer = name == "TRAILER!!!";
            var header = string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"070701{inode++:X8}{(trailer ? 0 : 0x81ed):X8}{0:X8}{0:X8}{1:X8}{0:X8}{data.Length:X8}{0:X8}{0:X8}{0:X8}{0:X8}{name.Length + 1:X8}{0:X8}");
            archive.Write(Encoding.ASCII.GetBytes(header));
            archive.Write(Encoding.ASCII.GetBytes(name + "\0"));
            Pad(archive);
            archive.Write(data);
            Pad(archive);
        }

        return archive.ToArray();
    }

    private static void Pad(Stream stream)
    {
        while (stream.Length % 4 != 0)
        {
            stream.WriteByte(0);
        }
    }

    private static byte[] Padded(byte[] archive) => [.. archive, .. new byte[(4 - (archive.Length % 4)) % 4]];

}
