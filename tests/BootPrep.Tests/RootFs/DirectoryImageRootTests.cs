using BootPrep.Files;
using BootPrep.Errors;
using BootPrep.RootFs;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.RootFs;

public sealed class DirectoryImageRootTests : IDisposable
{
    private readonly TestTree _tree = new();
    private readonly TestTree _host = new();

    public void Dispose()
    {
        _tree.Dispose();
        _host.Dispose();
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Absolute_symlink_resolves_inside_the_root(string resolution)
    {
        _tree.File("real-boot/EFI/Linux/a.efi", "12345").Symlink("boot", "/real-boot");
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Equal(new FileStatus(EntryKind.Regular, 5), root.Stat(ImagePath.Parse("boot/EFI/Linux/a.efi")));
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Dot_dot_never_climbs_above_the_root(string resolution)
    {
        _tree.File("marker", "inside").Symlink("usr/lib/escape", "../../../../../../../..");
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Equal(new FileStatus(EntryKind.Regular, 6), root.Stat(ImagePath.Parse("usr/lib/escape/marker")));
        Assert.Equal(new FileStatus(EntryKind.Regular, 6), root.Stat(ImagePath.Parse("../../../marker")));
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Link_to_a_host_directory_never_reaches_the_host(string resolution)
    {
        _host.File("EFI/Linux/host.efi");
        _tree.Symlink("boot", _host.Root);
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Null(root.Stat(ImagePath.Parse("boot/EFI/Linux/host.efi")));
        Assert.Null(root.ReadDirectory(ImagePath.Parse("boot/EFI/Linux")));
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Relative_link_that_climbs_to_the_host_stays_in_the_root(string resolution)
    {
        _host.File("EFI/Linux/host.efi");
        _tree.Symlink("boot", "../../../../../../.." + _host.Root);
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Null(root.Stat(ImagePath.Parse("boot/EFI/Linux/host.efi")));
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Dangling_link_is_not_there(string resolution)
    {
        _tree.Symlink("boot/EFI/Linux/gone.efi", "/nowhere/gone.efi");
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Null(root.Stat(ImagePath.Parse("boot/EFI/Linux/gone.efi")));
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Link_loop_is_an_error_naming_the_path(string resolution)
    {
        _tree.Symlink("a", "b").Symlink("b", "a");
        using var root = Resolutions.Open(_tree.Root, resolution);

        var error = Assert.Throws<BootPrepException>(() => root.Stat(ImagePath.Parse("a")));
        Assert.Equal(BootPrepErrorKind.SymlinkLoop, error.Kind);
        Assert.Equal("a", error.Path);
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Path_through_a_regular_file_is_not_there(string resolution)
    {
        _tree.File("boot", "not a directory");
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Null(root.Stat(ImagePath.Parse("boot/EFI")));
        Assert.Null(root.Stat(ImagePath.Parse("boot/..")));
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Dot_dot_after_a_link_is_relative_to_the_link_target(string resolution)
    {
        _tree.File("x/z", "zz").Dir("x/y").Symlink("a", "x/y");
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Equal(new FileStatus(EntryKind.Regular, 2), root.Stat(ImagePath.Parse("a/../z")));
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Chained_relative_links_resolve(string resolution)
    {
        _tree.File("boot/vmlinuz-6.1", "kernel")
            .Symlink("usr/lib/modules/6.1/vmlinuz", "../../../../boot/vmlinuz-6.1")
            .Symlink("lib", "usr/lib");
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Equal(new FileStatus(EntryKind.Regular, 6), root.Stat(ImagePath.Parse("lib/modules/6.1/vmlinuz")));
        using var reader = new StreamReader(root.OpenRead(ImagePath.Parse("lib/modules/6.1/vmlinuz")));
        Assert.Equal("kernel", reader.ReadToEnd());
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Read_directory_lists_raw_names_and_unfollowed_kinds(string resolution)
    {
        _tree.File("d/file").Dir("d/sub").Symlink("d/link", "file").RawFile("d", [0xff, (byte)'.', (byte)'e', (byte)'f', (byte)'i']);
        using var root = Resolutions.Open(_tree.Root, resolution);

        var entries = root.ReadDirectory(ImagePath.Parse("d"))!.OrderBy(e => e.DisplayName, StringComparer.Ordinal).ToList();

        Assert.Equal(["\\xff.efi", "file", "link", "sub"], entries.Select(e => e.DisplayName));
        Assert.Equal([EntryKind.Regular, EntryKind.Regular, EntryKind.Symlink, EntryKind.Directory], entries.Select(e => e.Kind));
        Assert.Null(entries[0].Name);
        Assert.Equal(new byte[] { 0xff, (byte)'.', (byte)'e', (byte)'f', (byte)'i' }, entries[0].RawName);
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Read_directory_of_a_file_is_an_error(string resolution)
    {
        _tree.File("boot/EFI/Linux");
        using var root = Resolutions.Open(_tree.Root, resolution);

        var error = Assert.Throws<BootPrepException>(() => root.ReadDirectory(ImagePath.Parse("boot/EFI/Linux")));
        Assert.Equal(BootPrepErrorKind.NotADirectory, error.Kind);
        Assert.Equal("boot/EFI/Linux", error.Path);
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Open_read_refuses_a_fifo_without_blocking(string resolution)
    {
        _tree.Fifo("boot/vmlinuz");
        using var root = Resolutions.Open(_tree.Root, resolution);

        var error = Assert.Throws<BootPrepException>(() => root.OpenRead(ImagePath.Parse("boot/vmlinuz")));
        Assert.Equal(BootPrepErrorKind.NotARegularFile, error.Kind);
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Open_read_refuses_a_directory(string resolution)
    {
        _tree.Dir("boot");
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Equal(BootPrepErrorKind.NotARegularFile, Assert.Throws<BootPrepException>(() => root.OpenRead(ImagePath.Parse("boot"))).Kind);
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void Open_read_of_a_missing_file_is_not_found(string resolution)
    {
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Equal(BootPrepErrorKind.NotFound, Assert.Throws<BootPrepException>(() => root.OpenRead(ImagePath.Parse("nothing"))).Kind);
    }

    [Theory]
    [MemberData(nameof(Resolutions.Both), MemberType = typeof(Resolutions))]
    public void The_root_itself_resolves(string resolution)
    {
        _tree.File("a");
        using var root = Resolutions.Open(_tree.Root, resolution);

        Assert.Equal(EntryKind.Directory, root.Stat(ImagePath.Root)?.Kind);
        Assert.Equal(EntryKind.Directory, root.Stat(ImagePath.Parse("/"))?.Kind);
        Assert.Single(root.ReadDirectory(ImagePath.Parse("/"))!);
    }

    [Fact]
    public void Missing_root_is_not_found()
    {
        var error = Assert.Throws<BootPrepException>(() => DirectoryImageRoot.Open(Path.Combine(_tree.Root, "missing")));
        Assert.Equal(BootPrepErrorKind.NotFound, error.Kind);
        Assert.EndsWith("missing", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void File_as_root_is_not_a_directory()
    {
        _tree.File("file");
        var error = Assert.Throws<BootPrepException>(() => DirectoryImageRoot.Open(Path.Combine(_tree.Root, "file")));
        Assert.Equal(BootPrepErrorKind.NotADirectory, error.Kind);
    }
}
