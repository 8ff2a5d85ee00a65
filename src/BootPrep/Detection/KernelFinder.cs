using BootPrep.Errors;
using BootPrep.RootFs;

namespace BootPrep.Detection;

/// <summary>
/// Finds the kernel of an image root with the rules of bootc's <c>find_kernel</c>: the first UKI in
/// boot/EFI/Linux in byte order of the names wins; else the one directory in usr/lib/modules holding vmlinuz.
/// </summary>
public static class KernelFinder
{
    /// <summary>Where UKIs live, relative to the image root.</summary>
    public const string UkiDirectory = "boot/EFI/Linux";

    /// <summary>Where kernel module trees live, relative to the image root.</summary>
    public const string ModulesDirectory = "usr/lib/modules";

    private const string UkiExtension = "efi";
    private const string KernelFile = "vmlinuz";
    private const string InitramfsFile = "initramfs.img";

    private static readonly Comparer<DirectoryEntry> s_byBytes = Comparer<DirectoryEntry>.Create(DirectoryEntry.CompareByBytes);

    /// <summary>Runs detection; throws <see cref="BootPrepException"/> when usr/lib/modules holds more than one kernel.</summary>
    public static KernelDetection Find(IImageRoot root)
    {
        var ukis = FindUkis(root);
        var modules = FindModuleDirectories(root);
        var uki = ukis.FirstOrDefault(candidate => candidate.Skipped is null);
        if (uki is not null)
        {
            var kernel = new DetectedKernel(uki.Version, Unified: true, uki.Path, root.Stat(uki.Path)?.Size, Initramfs: null);
            return new KernelDetection(kernel, [.. Choose(ukis, uki, "an earlier UKI in byte order is chosen"), .. Choose(modules, null, "a UKI takes precedence")]);
        }

        var kernels = modules.Where(candidate => candidate.Skipped is null).ToList();
        if (kernels.Count > 1)
        {
            var names = string.Join(", ", kernels.Select(candidate => candidate.Version));
            throw new BootPrepException(
                BootPrepErrorKind.AmbiguousKernel,
                ModulesDirectory,
                $"found {kernels.Count} kernel directories holding {KernelFile} ({names}); bootc boots only an image with exactly one: remove the others' {KernelFile}");
        }

        if (kernels.Count == 0)
        {
            return new KernelDetection(null, [.. ukis, .. modules]);
        }

        var chosen = kernels[0];
        var vmlinuz = $"{chosen.Path}/{KernelFile}";
        var initramfsPath = $"{chosen.Path}/{InitramfsFile}";
        var initramfs = root.Stat(initramfsPath);
        var detected = new DetectedKernel(
            chosen.Version,
            Unified: false,
            vmlinuz,
            SizeOfRegular(root.Stat(vmlinuz)),
            new DetectedInitramfs(initramfsPath, initramfs is not null, SizeOfRegular(initramfs)));
        // The chosen directory is the only module kernel, so no other one needs a reason.
        return new KernelDetection(detected, [.. ukis, .. Choose(modules, chosen, lost: "")]);
    }

    private static List<KernelCandidate> FindUkis(IImageRoot root)
    {
        var candidates = new List<KernelCandidate>();
        foreach (var entry in Sorted(root.ReadDirectory(UkiDirectory)))
        {
            var display = entry.DisplayName;
            var path = $"{UkiDirectory}/{display}";
            if (entry.Name is not { } name)
            {
                if (display.EndsWith("." + UkiExtension, StringComparison.OrdinalIgnoreCase))
                {
                    candidates.Add(new KernelCandidate(FileNames.Stem(display), true, path, false, "name is not valid UTF-8"));
                }

                continue;
            }

            if (!FileNames.HasExtension(name, UkiExtension))
            {
                if (FileNames.HasExtension(name.ToLowerInvariant(), UkiExtension))
                {
                    candidates.Add(new KernelCandidate(FileNames.Stem(name), true, path, false, "extension is not exactly .efi (case matters)"));
                }

                continue;
            }

            var skipped = root.Stat(path)?.Kind == EntryKind.Regular ? null : "not a regular file";
            candidates.Add(new KernelCandidate(FileNames.Stem(name), true, path, false, skipped));
        }

        return candidates;
    }

    private static List<KernelCandidate> FindModuleDirectories(IImageRoot root)
    {
        var candidates = new List<KernelCandidate>();
        foreach (var entry in Sorted(root.ReadDirectory(ModulesDirectory)))
        {
            if (entry.Kind is not (EntryKind.Directory or EntryKind.Symlink))
            {
                continue;
            }

            var path = $"{ModulesDirectory}/{entry.DisplayName}";
            var skipped = entry switch
            {
                { Kind: EntryKind.Symlink } => "a symbolic link; only real directories are considered",
                { Name: null } => "name is not valid UTF-8",
                _ when root.Stat($"{path}/{KernelFile}") is null => $"no {KernelFile}",
                _ => null,
            };
            candidates.Add(new KernelCandidate(entry.DisplayName, false, path, false, skipped));
        }

        return candidates;
    }

    private static IEnumerable<DirectoryEntry> Sorted(IReadOnlyList<DirectoryEntry>? entries) =>
        entries is null ? [] : entries.Order(s_byBytes);

    /// <summary>Marks <paramref name="chosen"/> selected and gives every other kernel among <paramref name="candidates"/> the reason it lost.</summary>
    private static IEnumerable<KernelCandidate> Choose(IEnumerable<KernelCandidate> candidates, KernelCandidate? chosen, string lost) =>
        candidates.Select(candidate => ReferenceEquals(candidate, chosen) ? candidate with { Selected = true } : candidate with { Skipped = candidate.Skipped ?? lost });

    private static long? SizeOfRegular(FileStatus? status) =>
        status is { Kind: EntryKind.Regular } regular ? regular.Size : null;
}
