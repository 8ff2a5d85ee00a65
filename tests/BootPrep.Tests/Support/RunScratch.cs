namespace BootPrep.Tests.Support;

/// <summary>
/// A directory of this test process's own under /var/tmp/bootprep-vm for what each run builds anew (the published
/// binary, the virtual machine's initramfs): test runs of two checkouts at once must not overwrite each other's.
/// Directories of runs whose process has ended are removed when the first is made.
/// </summary>
internal static class RunScratch
{
    private const string Prefix = "run-";
    private static readonly string s_parent = Path.Combine("/var/tmp", "bootprep-vm");
    private static readonly Lazy<string> s_directory = new(Create);

    public static string Directory => s_directory.Value;

    private static string Create()
    {
        System.IO.Directory.CreateDirectory(s_parent);
        foreach (var run in System.IO.Directory.EnumerateDirectories(s_parent, Prefix + "*"))
        {
            if (!System.IO.Directory.Exists($"/proc/{Path.GetFileName(run)[Prefix.Length..]}"))
            {
                System.IO.Directory.Delete(run, recursive: true);
            }
        }

        return System.IO.Directory.CreateDirectory(Path.Combine(s_parent, $"{Prefix}{Environment.ProcessId}")).FullName;
    }
}
