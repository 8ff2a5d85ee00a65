using System.Diagnostics;
using BootPrep.Architectures;
using BootPrep.Binary;
using BootPrep.Deployments;
using BootPrep.Detection;
using BootPrep.Errors;
using BootPrep.Files;
using BootPrep.Hosts;
using BootPrep.Kargs;
using BootPrep.KernelImages;
using BootPrep.Native;
using BootPrep.Ostree;
using BootPrep.RootFs;
using BootPrep.Uki;

namespace BootPrep.Kexec;

/// <summary>
/// Loads an image's kernel with kexec_file_load(2) so that the next kexec reboot boots it. Every byte goes through
/// memory files (memfd), nothing is written to disk, and a failed load leaves the loaded kernel as it was.
/// </summary>
public static class KexecStager
{
    private const string Syscall = "kexec_file_load";
    private const string RunningCmdlinePath = "proc/cmdline";

    // COMMAND_LINE_SIZE on x86 and arm64 (arch/*/include/uapi/asm/setup.h), the NUL included.
    private const int MaxCommandLine = 2048;

    /// <summary>
    /// Stages the kernel bootc would boot from <paramref name="root"/>, the image named <paramref name="source"/>, on
    /// <paramref name="host"/>, whose facts decide the syscall and explain a refusal, and whose /proc/cmdline is the
    /// command line when the running one is reused.
    /// </summary>
    public static StageReport StageImage(IImageRoot root, string source, StageOptions options, HostEnvironment host)
    {
        StageReport? report;
        try
        {
            report = KernelFinder.Find(root).ChosenKernel() is { } kernel ? StageKernel(root, kernel, options, host) : null;
        }
        catch (BootPrepException ex)
        {
            throw ex.Within(source);
        }

        return Recorded(host, source, report ?? throw new BootPrepException(BootPrepErrorKind.NotFound, source, "the image has no kernel to stage (no boot/EFI/Linux/*.efi, no usr/lib/modules/*/vmlinuz)"));
    }

    /// <summary>
    /// Stages what the next boot of <paramref name="host"/>, booted from an ostree or composefs deployment, boots: its
    /// staged deployment, with the command line its boot entry will carry, or else its default boot entry.
    /// </summary>
    public static StageReport StageNextBoot(StageOptions options, HostEnvironment host) =>
        Stage(NextBoot.Resolve(host, RunningCmdline(host)), options, host);

    /// <summary>
    /// After ostree-finalize-staged.service: stages the default entry it wrote, when that boots the deployment the last
    /// stage recorded; otherwise unloads, so that the shutdown is a normal reboot into what ostree made the default,
    /// and says why.
    /// </summary>
    public static StageReport StageFinalized(StageOptions options, HostEnvironment host)
    {
        var record = StageRecord.Read(host);
        var problem = (record, StagedDeployment.Read(host)) switch
        {
            (null or { Deployment: null }, _) => "bootprep staged no deployment before, so there is nothing to confirm",
            (_, { } staged) => $"the staged deployment {staged.Target.Name} was not finalized ({host.PathOf(StagedDeployment.Path)} is still there)",
            _ => null,
        };
        var next = problem is null ? NextBoot.ResolveDefault(host, RunningCmdline(host)) : null;
        if (next is not null && next.Deployment != record!.Deployment)
        {
            problem = $"the default entry boots {next.Deployment}, not {record.Deployment}, which bootprep staged: finalization failed or another deployment was made";
        }

        if (problem is not null)
        {
            if (!options.DryRun)
            {
                Unload(host);
            }

            throw new BootPrepException(BootPrepErrorKind.NotFinalized, host.PathOf(next?.Entry?.TrimStart('/') ?? "boot/loader/entries"), $"{problem}; {(options.DryRun ? "would unload" : "unloaded")} the staged kernel, so this shutdown reboots normally");
        }

        return Stage(next!, options, host);
    }

    /// <summary>Unloads the kernel a stage loaded on <paramref name="host"/> (KEXEC_FILE_UNLOAD) and its record; nothing happens when none is loaded.</summary>
    public static void Unload(HostEnvironment host)
    {
        KexecCalls.Unload(KexecFacts.Read(host));
        StageRecord.Clear(host);
    }

    /// <summary>Writes dirty data out and reboots into the loaded kernel now; returns only by throwing.</summary>
    public static void RebootIntoLoaded() => KexecCalls.Execute();

    private static StageReport StageKernel(IImageRoot root, DetectedKernel kernel, StageOptions options, HostEnvironment host)
    {
        var staging = Prepare(options, host, next: null);
        string Running() => staging.WithImageKargs(root, host, RunningCmdline(host));
        return kernel switch
        {
            DetectedKernel.Uki uki => staging.Uki(root, uki.Path, Running),
            DetectedKernel.Vmlinuz vmlinuz => staging.Vmlinuz(root, vmlinuz, Running),
            _ => throw new UnreachableException(),
        };
    }

    private static StageReport Stage(NextBoot next, StageOptions options, HostEnvironment host) =>
        Recorded(host, next.From == NextBootSource.StagedDeployment ? "staged-deployment" : "boot-entry", Prepare(options, host, next).Entry(next, host));

    /// <summary>The staging of one load on <paramref name="host"/>: its facts, and the syscall unless it is a dry run.</summary>
    private static Staging Prepare(StageOptions options, HostEnvironment host, NextBoot? next)
    {
        var facts = KexecFacts.Read(host);
        return new Staging(facts, options.DryRun ? facts.SyscallNumber : KexecCalls.RequireSyscall(facts), options, next);
    }

    /// <summary>A load the kernel took is recorded for status and --finalized.</summary>
    private static StageReport Recorded(HostEnvironment host, string source, StageReport report)
    {
        if (report.Loaded)
        {
            StageRecord.Write(host, source, report);
        }

        return report;
    }

    private static string RunningCmdline(HostEnvironment host) =>
        host.ReadText(RunningCmdlinePath)
        ?? throw new BootPrepException(BootPrepErrorKind.Unreadable, host.PathOf(RunningCmdlinePath), "cannot read the running kernel's command line; give one with --cmdline");

    private sealed class Staging(KexecFacts facts, int? number, StageOptions options, NextBoot? boot)
    {
        private readonly List<string> _notes = [];

        /// <summary>
        /// The running command line with the image's kargs.d applied as bootc applies it on an upgrade: the running
        /// root's kargs.d parameters the image no longer has removed, the image's new ones added. An image whose
        /// kargs.d bootc would refuse is refused.
        /// </summary>
        public string WithImageKargs(IImageRoot image, HostEnvironment host, string running)
        {
            if (BootLink.Find(running) is { } link)
            {
                _notes.Add($"this host booted from an ostree deployment: the running command line's ostree={link} names the running deployment, which the image's kernel will boot; to boot the next deployment, stage without a source");
            }

            var architecture = host.Architecture.Rust;
            var remote = KargsReader.Read(image, architecture);
            if (remote.Refusals is [var refusal, ..])
            {
                throw new BootPrepException(BootPrepErrorKind.InvalidKargs, refusal.Path.ToString(), $"bootc would refuse this image: {refusal.Message}");
            }

            using var runningRoot = DirectoryImageRoot.Open(host.Root);
            var existing = KargsReader.Read(runningRoot, architecture);
            if (existing.Refusals is [var broken, ..])
            {
                _notes.Add($"the running root's {broken.Path} is not what bootc accepts ({broken.Message}); only its other kargs.d files are compared");
            }

            if (remote.Kargs.Count == 0 && existing.Kargs.Count == 0)
            {
                return running;
            }

            var diff = KargsDiff.Apply(running, existing.Kargs, remote.Kargs);
            _notes.Add(diff is { Added.Count: 0, Removed.Count: 0 }
                ? $"{KargsReader.Directory}: the running root's and the image's agree; nothing added or removed"
                : $"{KargsReader.Directory}, applied as bootc applies it on an upgrade: added [{string.Join(' ', diff.Added)}], removed [{string.Join(' ', diff.Removed)}]");
            return diff.Cmdline;
        }

        public StageReport Entry(NextBoot next, HostEnvironment host)
        {
            if (next is { Uki: { } uki, UkiRoot: { } ukiRoot })
            {
                using var espRoot = DirectoryImageRoot.Open(host.PathOf(ukiRoot));
                return Uki(espRoot, uki, () => RunningCmdline(host));
            }

            using var kernelFile = new LoadFile("bootprep-kernel");
            using (var stream = OpenHostFile(host.PathOf(next.Kernel!), "the kernel"))
            {
                kernelFile.Append($"/{next.Kernel}", stream);
            }

            using var initrd = HostInitrd() ?? EntryInitrds(host, next.Initrds);
            var (cmdline, source) = CommandLines.Resolve(options, next.Cmdline, next.From);
            if (next is { From: NextBootSource.StagedDeployment, Ostree: { } ostree })
            {
                _notes.Add($"ostree={ostree} is a prediction until ostree-finalize-staged.service writes the entry at shutdown; 'bootprep stage --finalized' after it stages the written entry (contrib/systemd does this)");
            }

            return LoadOrDecompress(kernelFile, $"/{next.Kernel}", initrd, cmdline, source);
        }

        public StageReport Vmlinuz(IImageRoot root, DetectedKernel.Vmlinuz kernel, Func<string> running)
        {
            using var kernelFile = new LoadFile("bootprep-kernel");
            using (var stream = root.OpenRead(kernel.Path))
            {
                kernelFile.Append(kernel.Path.ToString(), stream);
            }

            if (options.InitrdFile is null && kernel.Initramfs is { Exists: true, Size: null } unusable)
            {
                throw new BootPrepException(BootPrepErrorKind.NotARegularFile, unusable.Path.ToString(), "the initramfs is not a regular file (a directory, device, FIFO or socket); give one with --initrd");
            }

            using var initrd = HostInitrd()
                ?? (kernel.Initramfs is { Size: not null } initramfs ? SingleInitrd(initramfs.Path.ToString(), () => root.OpenRead(initramfs.Path)) : null);
            var (cmdline, source) = CommandLines.Resolve(options, null, unified: false, running);
            return LoadOrDecompress(kernelFile, kernel.Path.ToString(), initrd, cmdline, source);
        }

        public StageReport Uki(IImageRoot root, ImagePath path, Func<string> running)
        {
            using var whole = new LoadFile("bootprep-uki");
            using (var stream = root.OpenRead(path))
            {
                whole.Append(path.ToString(), stream);
            }

            using var reader = whole.OpenReader();
            var uki = ReadUki(path, FileRange.Of(reader));

            // Only what the split needs: no section digests or signers, which inspect reports.
            var linux = uki.Section(".linux") ?? throw new BootPrepException(
                BootPrepErrorKind.InvalidKernel,
                path.ToString(),
                uki.Pe.Sections.Any(section => section.Name == ".linux") ? "the data of section .linux runs past the end of the file" : "no .linux section: the PE file is not a UKI");
            var cmdline = uki.Cmdline([]);
            var addons = ReadAddons(root, path);
            try
            {
                return Split(path, whole, uki, linux, cmdline, addons, running);
            }
            finally
            {
                foreach (var addon in addons)
                {
                    addon.Dispose();
                }
            }
        }

        private StageReport Split(ImagePath path, LoadFile whole, UkiImage uki, FileRange linux, string? ukiCmdline, List<Addon> addons, Func<string> running)
        {
            var (cmdline, source) = CommandLines.Resolve(options, UkiReader.EffectiveCmdline(ukiCmdline, addons.Select(addon => addon.Description)), unified: true, running);

            // Give the kernel the signed envelope first: a kernel with a UKI loader verifies the UKI's own signature.
            if (!options.DryRun)
            {
                var errno = KexecCalls.TryLoad(number!.Value, whole, null, cmdline);
                if (errno == Errno.None)
                {
                    return Report(StageMethod.Uki, whole.Pieces[0], [], 0, cmdline, source, loaded: true, noInitramfs: true);
                }

                if (!KexecFailures.IsFormatRefusal(errno, facts))
                {
                    throw KexecFailures.Classify(errno, facts, path.ToString());
                }

                _notes.Add("the kernel refused the whole UKI, so it was split into .linux, the initrds and the command line");
            }
            else
            {
                _notes.Add("the whole UKI is tried first; today's kernels refuse it, and then it is split as shown");
            }

            _notes.Add("a split UKI's own signature is not what the kernel verifies; under lockdown, .linux must carry a signature the kernel trusts");
            using var kernelFile = new LoadFile("bootprep-kernel");
            kernelFile.Append($"{path} (.linux)", linux);
            using var initrd = HostInitrd() ?? UkiInitrd(path, uki, addons);
            return LoadOrDecompress(kernelFile, $"{path} (.linux)", initrd, cmdline, source, method: StageMethod.UkiSplit);
        }

        /// <summary>The UKI's initrds in the order systemd-stub passes them: microcode first, then .initrd, each followed by the addons'.</summary>
        private static LoadFile? UkiInitrd(ImagePath path, UkiImage uki, List<Addon> addons)
        {
            var pieces = new List<(string Source, FileRange Data)>();
            foreach (var name in new[] { ".ucode", ".initrd" })
            {
                if (uki.Section(name) is { Length: > 0 } own)
                {
                    pieces.Add(($"{path} ({name})", own));
                }

                pieces.AddRange(addons.SelectMany(addon => addon.Section(name) is { Length: > 0 } data ? [($"{addon.Description.Path} ({name})", data)] : Array.Empty<(string, FileRange)>()));
            }

            if (pieces.Count == 0)
            {
                return null;
            }

            var initrd = new LoadFile("bootprep-initrd");
            foreach (var (source, data) in pieces)
            {
                initrd.Append(source, data);
            }

            return initrd;
        }

        /// <summary>A boot entry's initrds, concatenated as a boot loader concatenates them; null for none.</summary>
        private static LoadFile? EntryInitrds(HostEnvironment host, IReadOnlyList<string> paths)
        {
            if (paths.Count == 0)
            {
                return null;
            }

            var initrd = new LoadFile("bootprep-initrd");
            try
            {
                foreach (var path in paths)
                {
                    using var stream = OpenHostFile(host.PathOf(path), "the initrd");
                    initrd.Append($"/{path}", stream);
                }

                return initrd;
            }
            catch
            {
                initrd.Dispose();
                throw;
            }
        }

        /// <summary>The --initrd file, when the user gave one.</summary>
        private LoadFile? HostInitrd() =>
            options.InitrdFile is { } hostPath ? SingleInitrd(hostPath, () => OpenHostFile(hostPath, "the initrd")) : null;

        private static LoadFile SingleInitrd(string source, Func<Stream> open)
        {
            using var stream = open();
            var initrd = new LoadFile("bootprep-initrd");
            try
            {
                initrd.Append(source, stream);
                return initrd;
            }
            catch (IOException ex)
            {
                initrd.Dispose();
                throw new BootPrepException(BootPrepErrorKind.Unreadable, source, $"cannot read the initrd: {SystemErrors.Describe(ex, source)}");
            }
            catch
            {
                initrd.Dispose();
                throw;
            }
        }

        private StageReport LoadOrDecompress(LoadFile kernel, string kernelSource, LoadFile? initrd, string cmdline, CmdlineSource source, StageMethod method = StageMethod.Vmlinuz)
        {
            var initrdPieces = initrd?.Pieces ?? [];
            var initrdSize = initrd?.Length ?? 0;
            if (options.DryRun)
            {
                _notes.AddRange(Refusals(Describe(kernel), cmdline));
                return Report(method, kernel.Pieces[0], initrdPieces, initrdSize, cmdline, source, loaded: false, noInitramfs: initrd is null);
            }

            var errno = KexecCalls.TryLoad(number!.Value, kernel, initrd, cmdline);
            if (errno != Errno.None && KexecFailures.IsFormatRefusal(errno, facts) && Describe(kernel) is { } image && KernelDecompression.CanDecompress(image))
            {
                using var reader = kernel.OpenReader();
                using var decompressed = new LoadFile("bootprep-kernel-decompressed");
                decompressed.Append($"{kernelSource} (decompressed)", destination => KernelDecompression.CopyTo(image, FileRange.Of(reader), kernelSource, destination));

                _notes.Add($"the kernel refused the {image.Format} image, so its {KernelDecompression.Method(image)} payload was decompressed");
                errno = KexecCalls.TryLoad(number.Value, decompressed, initrd, cmdline);
                if (errno == Errno.None)
                {
                    return Report(StageMethod.Decompressed, decompressed.Pieces[0], initrdPieces, initrdSize, cmdline, source, loaded: true, noInitramfs: initrd is null);
                }
            }

            if (errno != Errno.None)
            {
                throw KexecFailures.Classify(errno, facts, kernelSource);
            }

            return Report(method, kernel.Pieces[0], initrdPieces, initrdSize, cmdline, source, loaded: true, noInitramfs: initrd is null);
        }

        /// <summary>What the kernel will refuse in this plan, as far as the image's headers tell (a dry run calls nothing).</summary>
        private IEnumerable<string> Refusals(KernelImage? image, string cmdline)
        {
            var format = image?.Format ?? Compression.Unknown;
            var loads = facts.Cpu == CpuArchitecture.X86_64 ? [KernelImage.BzImage.FormatName]
                : facts.Cpu == CpuArchitecture.Arm64 ? new[] { KernelImage.Arm64Image.FormatName, KernelImage.Zboot.FormatName, "gzip", "zstd", "lzma", "xz" }
                : null;
            if (image is null or KernelImage.Unknown)
            {
                yield return "the kernel image's format is unknown (not a bzImage, an arm64 Image or zboot, nor a compressed kernel); kexec_file_load will refuse it (ENOEXEC)";
            }
            else if (loads is not null && !loads.Contains(format, StringComparer.Ordinal))
            {
                yield return $"the kernel is {format}, which this {facts.Architecture} host does not load; kexec_file_load will refuse it";
            }

            var length = System.Text.Encoding.UTF8.GetByteCount(cmdline);
            if (image is KernelImage.BzImage { Header: var bzImage } && length > bzImage.CmdlineSize)
            {
                yield return $"the command line has {length} bytes, but this kernel takes at most {bzImage.CmdlineSize} (cmdline_size in its boot header); kexec_file_load will refuse it (EINVAL)";
            }
            else if (length >= MaxCommandLine)
            {
                yield return $"the command line has {length} bytes, more than the {MaxCommandLine - 1} bytes Linux takes (COMMAND_LINE_SIZE); kexec_file_load will refuse it";
            }
        }

        private static KernelImage? Describe(LoadFile kernel)
        {
            using var reader = kernel.OpenReader();
            return KernelImageReader.Describe(FileRange.Of(reader), []);
        }

        private StageReport Report(StageMethod method, StagePiece kernel, IReadOnlyList<StagePiece> initrd, long initrdSize, string cmdline, CmdlineSource source, bool loaded, bool noInitramfs) =>
            new(options.DryRun, loaded, boot, method, kernel, initrd, initrdSize, cmdline, source, noInitramfs ? ["no-initramfs"] : [], Syscall, number, facts.Architecture, _notes);

        private static List<Addon> ReadAddons(IImageRoot root, ImagePath ukiPath)
        {
            var addons = new List<Addon>();
            try
            {
                addons.AddRange(AddonFiles.Find(root, ukiPath).Select(path => Addon.Open(root, path)));
                return addons;
            }
            catch
            {
                addons.ForEach(addon => addon.Dispose());
                throw;
            }
        }

        private static FileStream OpenHostFile(string path, string what) => HostFiles.OpenRead(path, KernelFiles.MaxInMemorySize, what);
    }

    /// <summary>The UKI or addon at <paramref name="path"/>; a format error in its PE headers is an invalid kernel.</summary>
    private static UkiImage ReadUki(ImagePath path, FileRange file)
    {
        try
        {
            return UkiImage.Read(file);
        }
        catch (KernelFormatException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.InvalidKernel, path.ToString(), ex.OneLine);
        }
    }

    /// <summary>An addon held open while its sections are copied.</summary>
    private sealed class Addon : IDisposable
    {
        private readonly Stream _stream;
        private readonly UkiImage _addon;

        private Addon(Stream stream, UkiImage addon, UkiAddon description)
        {
            _stream = stream;
            _addon = addon;
            Description = description;
        }

        public UkiAddon Description { get; }

        public static Addon Open(IImageRoot root, ImagePath path)
        {
            var stream = KernelFiles.OpenSeekable(root, path);
            try
            {
                var addon = ReadUki(path, FileRange.Of(stream));
                var description = UkiReader.ReadAddon(path, addon);
                if (description.Errors.Count > 0)
                {
                    throw new BootPrepException(BootPrepErrorKind.InvalidKernel, path.ToString(), $"the addon cannot be read: {description.Errors[0]}");
                }

                return new Addon(stream, addon, description);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        public FileRange? Section(string name) => _addon.Section(name);

        public void Dispose() => _stream.Dispose();
    }
}
