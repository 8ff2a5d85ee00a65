using System.Security.Cryptography;
using BootPrep.Errors;
using BootPrep.Hosts;
using BootPrep.Native;

namespace BootPrep.Ostree;

/// <summary>
/// The kernel and initramfs of a deployment that finalization copies to /boot, found as ostree finds them
/// (ostree-sysroot-deploy.c, <c>get_kernel_from_tree_usrlib_modules</c>: a directory of usr/lib/modules holding a
/// regular file vmlinuz, with initramfs.img or initramfs beside it) and proven to be those files by the boot
/// checksum: the sha256 of the kernel, the initramfs and a devicetree, in that order, which names the deployment's
/// files in /boot.
/// </summary>
/// <param name="Kernel">The kernel, relative to the host's root.</param>
/// <param name="Initramfs">The initramfs, relative to the host's root, or null when there is none.</param>
public sealed record DeploymentKernel(string Kernel, string? Initramfs)
{
    private const long MaxSize = 1L << 30;

    /// <summary>The kernel of <paramref name="deployment"/> whose files have its boot checksum.</summary>
    public static DeploymentKernel Find(HostEnvironment host, Deployment deployment)
    {
        var modules = $"{BootedDeployments.Sysroot}/{deployment.Directory}/usr/lib/modules";
        var candidates = host.List(modules).Order(StringComparer.Ordinal)
            .Select(version => $"{modules}/{version}")
            .Where(directory => HostFiles.KindOf(host.PathOf($"{directory}/vmlinuz")) == Files.EntryKind.Regular)
            .ToList();
        if (candidates.Count == 0)
        {
            throw new BootPrepException(BootPrepErrorKind.NotFound, host.PathOf(modules), $"the deployment {deployment.Name} has no usr/lib/modules/VERSION/vmlinuz, where ostree takes its kernel from");
        }

        foreach (var directory in candidates)
        {
            var kernel = $"{directory}/vmlinuz";
            var initramfs = new[] { "initramfs.img", "initramfs" }.Select(name => $"{directory}/{name}").FirstOrDefault(path => File.Exists(host.PathOf(path)));
            var devicetree = $"{directory}/devicetree";
            if (BootChecksum(host, [kernel, initramfs, File.Exists(host.PathOf(devicetree)) ? devicetree : null]) == deployment.BootChecksum)
            {
                return new DeploymentKernel(kernel, initramfs);
            }
        }

        throw new BootPrepException(
            BootPrepErrorKind.InvalidDeployment,
            host.PathOf(modules),
            $"no kernel here has the deployment's boot checksum {deployment.BootChecksum}: its files changed since it was deployed");
    }

    private static string BootChecksum(HostEnvironment host, IEnumerable<string?> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var file in files.OfType<string>())
        {
            using var stream = HostFiles.OpenRead(host.PathOf(file), MaxSize, "a kernel file of the deployment");
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
