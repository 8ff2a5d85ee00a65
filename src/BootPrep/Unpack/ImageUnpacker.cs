using BootPrep.Files;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BootPrep.Errors;
using BootPrep.Hosts;
using BootPrep.Layers;
using BootPrep.Native;
using BootPrep.RootFs;
using BootPrep.Sources;

namespace BootPrep.Unpack;

/// <summary>
/// Writes the root of a container image into a directory, applying its layers as the OCI image spec says. The root
/// is built in a private sibling directory and renamed into place only when every layer was written and verified,
/// so a failure leaves the target as it was; nothing outside that sibling is ever written.
/// </summary>
public static class ImageUnpacker
{
    /// <summary>
    /// Unpacks <paramref name="image"/> into <paramref name="target"/>, which must be missing or an empty directory.
    /// When <paramref name="cancel"/> fires (a signal), the unpack stops between entries and removes its work.
    /// </summary>
    public static UnpackResult Unpack(ContainerImage image, string target, UnpackOptions options, IProgress<UnpackProgress>? progress = null, CancellationToken cancel = default)
    {
        var full = Path.GetFullPath(target).TrimEnd('/');
        var parentPath = Path.GetDirectoryName(full) ?? throw new BootPrepException(BootPrepErrorKind.WriteFailed, target, "the target cannot be the root directory");
        var name = Encoding.UTF8.GetBytes(Path.GetFileName(full));
        using var parent = OpenParent(parentPath, target);
        CheckTarget(parent, name, target);

        var prefix = $".{Path.GetFileName(full)}.bootprep-";
        RemoveStale(parent, parentPath, prefix, options.Host);
        var stagingName = Encoding.UTF8.GetBytes($"{prefix}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var stagingDisplay = Path.Combine(parentPath, Encoding.UTF8.GetString(stagingName));
        parent.MakeDirectory(stagingName, 0x1c0, stagingDisplay);
        try
        {
            UnpackResult result;
            using (var root = DirectoryImageRoot.Open(stagingDisplay))
            {
                var writer = new RootWriter(root, options, image.Location);
                for (var i = 0; i < image.Layers.Count; i++)
                {
                    var layer = i;
                    writer.StartLayer();
                    LayerScanner.Read(image.Files, image.Layers[i], (header, reader) =>
                    {
                        cancel.ThrowIfCancellationRequested();
                        writer.Write(header, reader);
                        progress?.Report(new UnpackProgress(layer + 1, image.Layers.Count, reader.Position));
                    });
                }

                cancel.ThrowIfCancellationRequested();
                result = writer.Finish();
                parent.ChangeMode(stagingName, writer.RootMode, stagingDisplay);
            }

            parent.Rename(stagingName, parent, name, target);
            return result;
        }
        catch (BootPrepException ex)
        {
            // The error that stopped the unpack is the one to report; a failed clean-up is added to it, never in its place.
            if (RemoveStaging(parent, stagingName, stagingDisplay) is not { } leftover)
            {
                throw;
            }

            throw new BootPrepException(ex.Kind, ex.Path, $"{ex.Message}; also, {leftover}", ex);
        }
        catch
        {
            RemoveStaging(parent, stagingName, stagingDisplay);
            throw;
        }
    }

    /// <summary>
    /// Removes the private siblings earlier unpacks of the same target left when they were killed: those named
    /// <paramref name="prefix"/><c>PID-…</c> whose process is gone from the host's /proc.
    /// </summary>
    private static void RemoveStale(DirectoryHandle parent, string parentPath, string prefix, HostEnvironment host)
    {
        var opened = parent.OpenListing("."u8);
        using var listing = opened.Handle ?? throw new BootPrepException(BootPrepErrorKind.WriteFailed, parentPath, opened.Message);
        foreach (var entry in listing.ReadDirectory(parentPath))
        {
            if (entry is { Kind: EntryKind.Directory, Name: { } name }
                && name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name[prefix.Length..].Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId
                && !host.HasDirectory($"proc/{pid}"))
            {
                RemoveStaging(parent, entry.RawName, Path.Combine(parentPath, name));
            }
        }
    }

    /// <summary>Removes the private sibling; returns what went wrong, or null.</summary>
    private static string? RemoveStaging(DirectoryHandle parent, byte[] stagingName, string stagingDisplay)
    {
        try
        {
            parent.RemoveTree(stagingName, stagingDisplay);
            return null;
        }
        catch (BootPrepException cleanup)
        {
            return $"{stagingDisplay} could not be removed ({cleanup.Message}); remove it by hand";
        }
    }

    private static DirectoryHandle OpenParent(string parentPath, string target)
    {
        try
        {
            return DirectoryHandle.OpenHost(parentPath);
        }
        catch (BootPrepException ex)
        {
            throw new BootPrepException(BootPrepErrorKind.WriteFailed, target, $"its parent directory cannot be used: {ex.Message}");
        }
    }

    private static void CheckTarget(DirectoryHandle parent, byte[] name, string target)
    {
        switch (parent.StatEntry(name, target)?.Kind)
        {
            case null:
                return;
            case EntryKind.Directory:
                var opened = parent.OpenListing(name);
                using (var directory = opened.Handle ?? throw new BootPrepException(BootPrepErrorKind.WriteFailed, target, opened.Message))
                {
                    if (directory.ReadDirectory(target).Count > 0)
                    {
                        throw new BootPrepException(BootPrepErrorKind.WriteFailed, target, "the target directory is not empty; give a new or empty directory");
                    }
                }

                return;
            default:
                throw new BootPrepException(BootPrepErrorKind.WriteFailed, target, "the target exists and is not a directory");
        }
    }
}
