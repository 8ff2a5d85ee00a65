using BootPrep.Files;
using BootPrep.Bootc;
using BootPrep.RootFs;

namespace BootPrep.Detection;

/// <summary>
/// Finds the kernel of an image root with the rules of bootc 1.16's <c>find_kernel</c> (crates/lib/src/kernel.rs)
/// and ostree-ext's <c>find_kernel_dir_fs</c> (crates/ostree-ext/src/bootabletree.rs): the first name in
/// boot/EFI/Linux with the extension <c>efi</c>, in byte order, is the kernel whatever it is; else the one real
/// directory in usr/lib/modules holding vmlinuz. Where bootc would fail, the refusal is recorded and detection goes
/// on, so that a report can show what is there.
/// </summary>
public static class KernelFinder
{
    /// <summary>Where UKIs live, relative to the image root.</summary>
    public static readonly ImagePath UkiDirectory = ImagePath.Parse("boot/EFI/Linux");

    /// <summary>Where kernel module trees live, relative to the image root.</summary>
    public static readonly ImagePath ModulesDirectory = ImagePath.Parse("usr/lib/modules");

    // bootc opens boot/ from the root, then EFI/Linux beneath boot/ (kernel.rs, find_uki_path).
    private static readonly ImagePath BootDirectory = ImagePath.Parse("boot");
    private static readonly ImagePath EfiLinuxInBoot = ImagePath.Parse("EFI/Linux");
    private const string UkiExtension = "efi";
    private const string KernelFile = "vmlinuz";
    private const string InitramfsFile = "initramfs.img";

    private static readonly Comparer<DirectoryEntry> s_byBytes = Comparer<DirectoryEntry>.Create(DirectoryEntry.CompareByBytes);

    /// <summary>Runs detection.</summary>
    public static KernelDetection Find(IImageRoot root)
    {
        var refusals = new List<BootcRefusal>();
        var ukis = FindUkis(root, refusals);
        var uki = ukis.FirstOrDefault(candidate => candidate.Skipped is null);
        if (uki is not null)
        {
            var path = uki.Path;
            if (BootcPaths.Refusal(root.StatBeneath(path), path, expectDirectory: false) is { } unopenable)
            {
                refusals.Add(unopenable);
            }

            var kernel = new DetectedKernel.Uki(uki.Version, path, SizeOfRegular(root.TryStat(path)));
            var modules = FindModuleDirectories(root, []);
            return new KernelDetection(kernel, [.. Choose(ukis, uki, SkipReason.EarlierUki), .. Choose(modules, null, SkipReason.UkiTakesPrecedence)], refusals);
        }

        var directories = FindModuleDirectories(root, refusals);
        var kernels = directories.Where(candidate => candidate.Skipped is null).ToList();
        if (kernels.Count > 1)
        {
            var names = string.Join(", ", kernels.Select(candidate => candidate.Version));
            refusals.Add(new BootcRefusal(
                BootcRefusalCode.MultipleKernels,
                ModulesDirectory,
                $"found {kernels.Count} directories holding {KernelFile} ({names}); bootc boots only an image with exactly one: remove the others' {KernelFile}"));
            return new KernelDetection(null, [.. ukis, .. Choose(directories, null, SkipReason.OneOfSeveral)], refusals);
        }

        if (kernels.Count == 0)
        {
            return new KernelDetection(null, [.. ukis, .. directories], refusals);
        }

        var chosen = kernels[0];
        var vmlinuz = chosen.Path / KernelFile;
        var initramfsPath = chosen.Path / InitramfsFile;
        var initramfs = root.TryStat(initramfsPath);
        var detected = new DetectedKernel.Vmlinuz(
            chosen.Version,
            vmlinuz,
            SizeOfRegular(root.TryStat(vmlinuz)),
            new DetectedInitramfs(initramfsPath, initramfs is not null, SizeOfRegular(initramfs)));
        // The chosen directory is the only module kernel, so no other one needs a reason.
        return new KernelDetection(detected, [.. ukis, .. Choose(directories, chosen, lost: null)], refusals);
    }

    private static List<KernelCandidate> FindUkis(IImageRoot root, List<BootcRefusal> refusals)
    {
        var candidates = new List<KernelCandidate>();
        foreach (var entry in ListUkiDirectory(root, refusals))
        {
            var display = entry.DisplayName;
            var path = UkiDirectory / display;
            if (entry.Name is not { } name)
            {
                // bootc skips a name that is not UTF-8 (kernel.rs: name.to_str()).
                if (display.EndsWith("." + UkiExtension, StringComparison.OrdinalIgnoreCase))
                {
                    candidates.Add(new KernelCandidate(FileNames.Stem(display), true, path, false, SkipReason.NameNotUtf8));
                }

                continue;
            }

            if (FileNames.HasExtension(name, UkiExtension))
            {
                candidates.Add(new KernelCandidate(FileNames.Stem(name), true, path, false, null));
            }
            else if (FileNames.HasExtension(name.ToLowerInvariant(), UkiExtension))
            {
                candidates.Add(new KernelCandidate(FileNames.Stem(name), true, path, false, SkipReason.ExtensionCase));
            }
        }

        return candidates;
    }

    /// <summary>Module directories; a vmlinuz that bootc cannot look at (a link out of the root) adds to <paramref name="refusals"/>.</summary>
    private static List<KernelCandidate> FindModuleDirectories(IImageRoot root, List<BootcRefusal> refusals)
    {
        var modules = root.StatBeneath(ModulesDirectory);
        var refusal = BootcPaths.Refusal(modules, ModulesDirectory, expectDirectory: true);
        if (refusal is null && modules.Outcome == BeneathOutcome.Missing)
        {
            return [];
        }

        var candidates = new List<KernelCandidate>();
        foreach (var entry in ListDirectory(root, ModulesDirectory, refusal, refusals))
        {
            if (entry.Kind is not (EntryKind.Directory or EntryKind.Symlink))
            {
                continue;
            }

            var path = ModulesDirectory / entry.DisplayName;
            var skipped = entry switch
            {
                { Kind: EntryKind.Symlink } => SkipReason.SymbolicLink,
                { Name: null } => SkipReason.NameNotUtf8,
                _ when !HoldsKernel(root, path / KernelFile, refusals) => SkipReason.NoVmlinuz,
                _ => (SkipReason?)null,
            };
            candidates.Add(new KernelCandidate(entry.DisplayName, false, path, false, skipped));
        }

        return candidates;
    }

    /// <summary>
    /// Whether a vmlinuz is there. bootc asks cap-std (<c>try_exists</c>): a dangling link is no kernel, and a link
    /// that leaves the root is an error; BootPrep follows such a link inside the root and still reports the kernel.
    /// </summary>
    private static bool HoldsKernel(IImageRoot root, ImagePath vmlinuz, List<BootcRefusal> refusals)
    {
        var status = root.StatBeneath(vmlinuz);
        if (status.Outcome is not (BeneathOutcome.Found or BeneathOutcome.Missing))
        {
            refusals.Add(BootcPaths.Refusal(status, vmlinuz, expectDirectory: false)!);
        }

        return status.Outcome == BeneathOutcome.Found || (status.Outcome == BeneathOutcome.Escapes && root.TryStat(vmlinuz) is not null);
    }

    /// <summary>
    /// The entries of boot/EFI/Linux, which bootc opens in two steps (boot/ from the root, then EFI/Linux beneath it,
    /// each optional); a refusal in either is recorded.
    /// </summary>
    private static IEnumerable<DirectoryEntry> ListUkiDirectory(IImageRoot root, List<BootcRefusal> refusals)
    {
        var boot = root.StatBeneath(BootDirectory);
        var refusal = BootcPaths.Refusal(boot, BootDirectory, expectDirectory: true);
        if (refusal is null)
        {
            if (boot.Outcome == BeneathOutcome.Missing)
            {
                return [];
            }

            var efiLinux = root.StatBeneath(EfiLinuxInBoot, within: BootDirectory);
            refusal = BootcPaths.Refusal(efiLinux, UkiDirectory, expectDirectory: true);
            if (refusal is null && efiLinux.Outcome == BeneathOutcome.Missing)
            {
                return [];
            }
        }

        return ListDirectory(root, UkiDirectory, refusal, refusals);
    }

    /// <summary>
    /// The entries of <paramref name="path"/> in byte order. Where bootc could not open it (<paramref name="refusal"/>),
    /// the refusal is recorded and BootPrep still lists the directory the path leads to inside the root, if any.
    /// </summary>
    private static IEnumerable<DirectoryEntry> ListDirectory(IImageRoot root, ImagePath path, BootcRefusal? refusal, List<BootcRefusal> refusals)
    {
        if (refusal is not null)
        {
            refusals.Add(refusal);
            if (root.TryStat(path) is not { Kind: EntryKind.Directory })
            {
                return [];
            }
        }

        return Sorted(root.ReadDirectory(path));
    }

    private static IEnumerable<DirectoryEntry> Sorted(IReadOnlyList<DirectoryEntry>? entries) =>
        entries is null ? [] : entries.Order(s_byBytes);

    /// <summary>Marks <paramref name="chosen"/> selected and gives every other kernel among <paramref name="candidates"/> the reason it lost.</summary>
    private static IEnumerable<KernelCandidate> Choose(IEnumerable<KernelCandidate> candidates, KernelCandidate? chosen, SkipReason? lost) =>
        candidates.Select(candidate => ReferenceEquals(candidate, chosen) ? candidate with { Selected = true } : candidate with { Skipped = candidate.Skipped ?? lost });

    private static long? SizeOfRegular(FileStatus? status) =>
        status is { Kind: EntryKind.Regular } regular ? regular.Size : null;
}
