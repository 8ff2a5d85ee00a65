using BootPrep.Images;
using BootPrep.Files;
using BootPrep.RootFs;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.RootFs;

/// <summary>
/// <see cref="IImageRoot.StatBeneath"/> resolves as cap-std's RESOLVE_BENEATH does for bootc, the same on a
/// directory root (in both path resolutions) and on a root merged from layers.
/// </summary>
public sealed class BeneathResolverTests : IDisposable
{
    private const string Image = "Image";

    /// <summary>The directory root itself, or the directory holding the image's layout.</summary>
    private readonly TestTree _work = new();

    public static TheoryData<string> Roots =>
        new() { nameof(PathResolution.Kernel), nameof(PathResolution.UserSpace), Image };

    public void Dispose() => _work.Dispose();

    [Theory]
    [MemberData(nameof(Roots))]
    public void Regular_file_is_found_as_a_regular_file(string kind)
    {
        using var root = Open(kind, new Entries().File("etc/os-release"));

        Assert.Equal(new BeneathStatus(BeneathOutcome.Found, EntryKind.Regular), root.StatBeneath(ImagePath.Parse("etc/os-release")));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Directory_is_found_as_a_directory(string kind)
    {
        using var root = Open(kind, new Entries().Dir("usr/lib/modules"));

        Assert.Equal(new BeneathStatus(BeneathOutcome.Found, EntryKind.Directory), root.StatBeneath(ImagePath.Parse("usr/lib/modules")));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Missing_file_is_missing(string kind)
    {
        using var root = Open(kind, new Entries().Dir("usr/lib"));

        Assert.Equal(BeneathOutcome.Missing, root.StatBeneath(ImagePath.Parse("usr/lib/modules")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Dangling_link_is_missing(string kind)
    {
        using var root = Open(kind, new Entries().Symlink("boot/vmlinuz", "vmlinuz-gone"));

        Assert.Equal(BeneathOutcome.Missing, root.StatBeneath(ImagePath.Parse("boot/vmlinuz")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Relative_link_inside_is_found_with_the_kind_of_its_target(string kind)
    {
        using var root = Open(kind, new Entries().Dir("sysroot/boot").Symlink("boot", "sysroot/boot"));

        Assert.Equal(new BeneathStatus(BeneathOutcome.Found, EntryKind.Directory), root.StatBeneath(ImagePath.Parse("boot")));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Relative_link_that_climbs_but_stays_inside_is_found(string kind)
    {
        using var root = Open(kind, new Entries()
            .File("boot/vmlinuz-6.1", "kernel")
            .Symlink("usr/lib/modules/6.1/vmlinuz", "../../../../boot/vmlinuz-6.1"));

        Assert.Equal(new BeneathStatus(BeneathOutcome.Found, EntryKind.Regular), root.StatBeneath(ImagePath.Parse("usr/lib/modules/6.1/vmlinuz")));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Dot_dot_that_stays_inside_is_found(string kind)
    {
        using var root = Open(kind, new Entries().Dir("usr/lib").File("etc/os-release"));

        Assert.Equal(new BeneathStatus(BeneathOutcome.Found, EntryKind.Regular), root.StatBeneath(ImagePath.Parse("usr/lib/../../etc/os-release")));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Dot_dot_above_the_root_escapes(string kind)
    {
        using var root = Open(kind, new Entries().File("etc/os-release"));

        Assert.Equal(BeneathOutcome.Escapes, root.StatBeneath(ImagePath.Parse("../etc/os-release")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Absolute_link_escapes_even_when_its_target_is_inside_the_image(string kind)
    {
        using var root = Open(kind, new Entries().File("usr/x").Symlink("link", "/usr/x"));

        Assert.Equal(BeneathOutcome.Escapes, root.StatBeneath(ImagePath.Parse("link")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Link_whose_target_climbs_above_the_root_escapes(string kind)
    {
        using var root = Open(kind, new Entries().File("marker").Symlink("usr/lib/up", "../../.."));

        Assert.Equal(BeneathOutcome.Escapes, root.StatBeneath(ImagePath.Parse("usr/lib/up/marker")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Component_under_a_regular_file_is_not_a_directory(string kind)
    {
        using var root = Open(kind, new Entries().File("file"));

        Assert.Equal(BeneathOutcome.NotADirectory, root.StatBeneath(ImagePath.Parse("file/x")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Link_loop_is_a_loop(string kind)
    {
        using var root = Open(kind, new Entries().Symlink("a", "b").Symlink("b", "a"));

        Assert.Equal(BeneathOutcome.Loop, root.StatBeneath(ImagePath.Parse("a")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Chain_of_forty_links_is_followed(string kind)
    {
        using var root = Open(kind, Chain(40));

        Assert.Equal(new BeneathStatus(BeneathOutcome.Found, EntryKind.Regular), root.StatBeneath(ImagePath.Parse("l1")));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Chain_of_forty_one_links_is_a_loop(string kind)
    {
        using var root = Open(kind, Chain(41));

        Assert.Equal(BeneathOutcome.Loop, root.StatBeneath(ImagePath.Parse("l1")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Path_within_a_directory_is_resolved_beneath_it(string kind)
    {
        using var root = Open(kind, new Entries().File("boot/EFI/Linux/a.efi").Symlink("boot/uki", "EFI/Linux/a.efi"));

        Assert.Equal(new BeneathStatus(BeneathOutcome.Found, EntryKind.Regular), root.StatBeneath(ImagePath.Parse("uki"), within: ImagePath.Parse("boot")));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Link_within_a_directory_to_a_sibling_of_it_escapes(string kind)
    {
        using var root = Open(kind, new Entries().File("sibling").Symlink("boot/link", "../sibling"));

        Assert.Equal(BeneathOutcome.Escapes, root.StatBeneath(ImagePath.Parse("link"), within: ImagePath.Parse("boot")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Link_to_a_sibling_of_its_directory_is_found_from_the_root(string kind)
    {
        using var root = Open(kind, new Entries().File("sibling").Symlink("boot/link", "../sibling"));

        Assert.Equal(new BeneathStatus(BeneathOutcome.Found, EntryKind.Regular), root.StatBeneath(ImagePath.Parse("boot/link")));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Missing_within_directory_is_missing(string kind)
    {
        using var root = Open(kind, new Entries().Dir("usr"));

        Assert.Equal(BeneathOutcome.Missing, root.StatBeneath(ImagePath.Parse("EFI/Linux"), within: ImagePath.Parse("boot")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Within_a_regular_file_is_not_a_directory(string kind)
    {
        using var root = Open(kind, new Entries().File("boot"));

        Assert.Equal(BeneathOutcome.NotADirectory, root.StatBeneath(ImagePath.Parse("EFI/Linux"), within: ImagePath.Parse("boot")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Within_an_absolute_link_escapes(string kind)
    {
        using var root = Open(kind, new Entries().Dir("sysroot/boot/EFI/Linux").Symlink("boot", "/sysroot/boot"));

        Assert.Equal(BeneathOutcome.Escapes, root.StatBeneath(ImagePath.Parse("EFI/Linux"), within: ImagePath.Parse("boot")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void Within_a_relative_link_to_a_directory_is_followed(string kind)
    {
        using var root = Open(kind, new Entries().Dir("sysroot/boot/EFI/Linux").Symlink("boot", "sysroot/boot"));

        Assert.Equal(new BeneathStatus(BeneathOutcome.Found, EntryKind.Directory), root.StatBeneath(ImagePath.Parse("EFI/Linux"), within: ImagePath.Parse("boot")));
    }

    /// <summary>Links l1 → l2 → … → l<paramref name="links"/> → target, a regular file: <paramref name="links"/> links to follow.</summary>
    private static Entries Chain(int links)
    {
        var entries = new Entries().File("target");
        for (var i = 1; i <= links; i++)
        {
            entries.Symlink($"l{i}", i == links ? "target" : $"l{i + 1}");
        }

        return entries;
    }

    private IImageRoot Open(string kind, Entries entries)
    {
        if (kind != Image)
        {
            entries.WriteTo(_work);
            return Resolutions.Open(_work.Root, kind);
        }

        var layout = new OciImageBuilder().Layer(entries.WriteTo).WriteLayout(Path.Combine(_work.Root, "layout"));
        return ImageRoots.Open($"oci:{layout}", null, TestHosts.X86_64);
    }

    /// <summary>The files, directories and links of one test, to write as a directory or as one layer.</summary>
    private sealed class Entries
    {
        private readonly List<(Action<TestTree> Tree, Action<TestLayer> Layer)> _entries = [];

        public Entries File(string path, string content = "content\n") =>
            Add(tree => tree.File(path, content), layer => layer.File(path, content));

        public Entries Dir(string path) => Add(tree => tree.Dir(path), layer => layer.Dir(path));

        public Entries Symlink(string path, string target) =>
            Add(tree => tree.Symlink(path, target), layer => layer.Symlink(path, target));

        public void WriteTo(TestTree tree) => _entries.ForEach(entry => entry.Tree(tree));

        public void WriteTo(TestLayer layer) => _entries.ForEach(entry => entry.Layer(layer));

        private Entries Add(Action<TestTree> tree, Action<TestLayer> layer)
        {
            _entries.Add((tree, layer));
            return this;
        }
    }
}
