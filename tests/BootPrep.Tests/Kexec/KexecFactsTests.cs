using BootPrep.Kexec;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Kexec;

public sealed class KexecFactsTests
{
    [Fact]
    public void Reads_every_fact_from_proc_and_sys()
    {
        using var tree = new TestTree();
        tree.File("sys/kernel/kexec_loaded", "1\n")
            .File("sys/kernel/kexec_crash_loaded", "0\n")
            .File("sys/kernel/security/lockdown", "none [integrity] confidentiality\n")
            .File("sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c", [6, 0, 0, 0, 1])
            .File("proc/self/status", "Name:\tbootprep\nCapInh:\t0000000000000000\nCapEff:\t0000000000400000\n")
            .File("proc/sys/kernel/kexec_load_disabled", "0\n");

        var facts = KexecFacts.Read(TestHosts.Tree(tree.Root));

        Assert.Equal((true, false, "integrity", "enabled", true, false), (facts.KexecLoaded, facts.CrashLoaded, facts.Lockdown, facts.SecureBoot, facts.CapSysBoot, facts.KexecLoadDisabled));
    }

    [Fact]
    public void What_cannot_be_read_is_null_and_no_efi_directory_is_not_efi()
    {
        using var tree = new TestTree();
        tree.File("proc/self/status", "CapEff:\t00000000003fffff\n");

        var facts = KexecFacts.Read(TestHosts.Tree(tree.Root));

        Assert.Equal((null, null, null, "not-efi", false, null), (facts.KexecLoaded, facts.CrashLoaded, facts.Lockdown, facts.SecureBoot, facts.CapSysBoot, facts.KexecLoadDisabled));
    }

    [Fact]
    public void Secure_boot_off_is_disabled()
    {
        using var tree = new TestTree();
        tree.File("sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c", [6, 0, 0, 0, 0]);

        Assert.Equal("disabled", KexecFacts.Read(TestHosts.Tree(tree.Root)).SecureBoot);
    }

    [Theory]
    [InlineData("amd64", "x86_64", 320)]
    [InlineData("arm64", "aarch64", 294)]
    [InlineData("riscv64", "riscv64", null)]
    public void The_host_architecture_names_its_syscall(string host, string architecture, int? syscall)
    {
        var facts = KexecFacts.Read(TestHosts.Tree("/nonexistent", host));

        Assert.Equal((architecture, syscall), (facts.Architecture, facts.SyscallNumber));
    }
}
