using BootPrep.Files;
using System.Security.Cryptography;
using BootPrep.RootFs;

namespace BootPrep.Tests.Support;

/// <summary>A comparable listing of a directory tree: type, mode, link target and content digest of every entry, links not followed.</summary>
internal static class TreeSnapshot
{
    public static string Of(string root)
    {
        using var tree = DirectoryImageRoot.Open(root);
        var lines = new List<string>();
        Walk(tree, root, "", lines);
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static void Walk(DirectoryImageRoot tree, string root, string directory, List<string> lines)
    {
        foreach (var entry in tree.ReadDirectory(ImagePath.Parse(directory))!)
        {
            var path = directory.Length == 0 ? entry.DisplayName : $"{directory}/{entry.DisplayName}";
            var host = Path.Combine(root, path);
            switch (entry.Kind)
            {
                case EntryKind.Symlink:
                    lines.Add($"{path} link {new FileInfo(host).LinkTarget}");
                    break;
                case EntryKind.Directory:
                    lines.Add($"{path} dir {Mode(host)}");
                    Walk(tree, root, path, lines);
                    break;
                case EntryKind.Regular:
                    using (var stream = tree.OpenRead(ImagePath.Parse(path)))
                    {
                        lines.Add($"{path} file {Mode(host)} {Convert.ToHexStringLower(SHA256.HashData(stream))[..16]}");
                    }

                    break;
                default:
                    lines.Add($"{path} special {Mode(host)}");
                    break;
            }
        }
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
