using BootPrep.Kargs;

namespace BootPrep.Tests.Kargs;

/// <summary>bootc's compute_apply_kargs_diff: what an upgrade does to the running command line.</summary>
public sealed class KargsDiffTests
{
    [Fact]
    public void Kargs_the_new_image_adds_are_added_and_those_it_drops_are_removed()
    {
        var diff = KargsDiff.Apply("root=/dev/vda2 console=tty0 quiet", existing: ["console=tty0"], remote: ["console=ttyS0"]);

        Assert.Equal(new KargsDiff("root=/dev/vda2 quiet console=ttyS0", ["console=ttyS0"], ["console=tty0"]), diff, KargsDiffComparer.Instance);
    }

    [Fact]
    public void What_the_user_set_stays_even_when_the_image_drops_it_from_kargs_d_only_if_it_was_there()
    {
        var diff = KargsDiff.Apply("root=/dev/vda2 nosmt", existing: [], remote: []);

        Assert.Equal("root=/dev/vda2 nosmt", diff.Cmdline);
    }

    [Fact]
    public void A_karg_both_roots_have_is_neither_added_nor_removed()
    {
        var diff = KargsDiff.Apply("a quiet", existing: ["quiet"], remote: ["quiet"]);

        Assert.Equal(("a quiet", 0, 0), (diff.Cmdline, diff.Added.Count, diff.Removed.Count));
    }

    [Fact]
    public void A_removed_karg_goes_in_every_spelling_bootc_counts_as_equal()
    {
        var diff = KargsDiff.Apply("rd.foo-bar=1 x rd.foo_bar=\"1\"", existing: ["rd.foo_bar=1"], remote: []);

        Assert.Equal("x", diff.Cmdline);
    }

    [Fact]
    public void An_added_karg_already_on_the_running_line_is_not_added_twice()
    {
        var diff = KargsDiff.Apply("console=ttyS0 quiet", existing: [], remote: ["console=ttyS0"]);

        Assert.Equal("console=ttyS0 quiet", diff.Cmdline);
    }

    [Fact]
    public void Kargs_go_before_the_arguments_for_init()
    {
        var diff = KargsDiff.Apply("root=/dev/vda2 console=tty0 -- --firecracker-init single", existing: ["console=tty0"], remote: ["console=ttyS0"]);

        Assert.Equal("root=/dev/vda2 console=ttyS0 -- --firecracker-init single", diff.Cmdline);
    }

    [Fact]
    public void Remove_exact_keeps_a_parameter_with_the_same_key_and_another_value()
    {
        var cmdline = new KernelCommandLine("console=tty0 console=ttyS0");

        Assert.True(cmdline.RemoveExact(KernelParameter.Parse("console=tty0")));
        Assert.Equal("console=ttyS0", cmdline.ToString());
        Assert.False(cmdline.RemoveExact(KernelParameter.Parse("console=tty1")));
    }

    private sealed class KargsDiffComparer : IEqualityComparer<KargsDiff>
    {
        public static KargsDiffComparer Instance { get; } = new();

        public bool Equals(KargsDiff? x, KargsDiff? y) =>
            x is not null && y is not null && x.Cmdline == y.Cmdline && x.Added.SequenceEqual(y.Added) && x.Removed.SequenceEqual(y.Removed);

        public int GetHashCode(KargsDiff obj) => obj.Cmdline.GetHashCode(StringComparison.Ordinal);
    }
}
