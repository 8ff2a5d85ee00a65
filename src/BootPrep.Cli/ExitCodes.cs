using BootPrep.Errors;

namespace BootPrep.Cli;

/// <summary>The exit codes bootprep documents (README, <c>--help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input or the system did not allow it; stderr holds one line naming the file and the problem.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The kernel does not let this process load a kernel: no CAP_SYS_BOOT, or kexec_load_disabled.</summary>
    public const int NotPermitted = 3;

    /// <summary>The kernel wants a signature it can verify: lockdown, or a rejected or missing signature.</summary>
    public const int SignatureRefused = 4;

    /// <summary>The kernel does not recognise the image format.</summary>
    public const int ImageRefused = 5;

    /// <summary>Another kexec load is in progress.</summary>
    public const int Busy = 6;

    /// <summary>inspect printed its report, but bootc 1.16 would stop on this image; stderr names bootc's reason.</summary>
    public const int BootcRefuses = 7;

    /// <summary>inspect --expect could not compare: the image, or the expectation file, could not be read.</summary>
    public const int CannotCompare = 8;

    /// <summary>The text appended to every command's help.</summary>
    public const string HelpText = Codes + ".";

    /// <summary>The text appended to inspect's help.</summary>
    public const string InspectHelpText = Codes + ", 7 bootc would refuse this image (the report is printed; stderr says why); with --expect, 1 the report differs, 8 it could not be compared.";

    /// <summary>The text appended to the help of the commands that call kexec_file_load.</summary>
    public const string KexecHelpText = Codes
        + ", 3 not permitted (no CAP_SYS_BOOT, kexec_load_disabled), 4 signature refused (lockdown, rejected key), 5 image format refused, 6 busy.";

    private const string Codes = "Exit codes: 0 success, 1 failure (one line on stderr names the file and the problem), 2 usage error";

    /// <summary>The exit code for a failure of <paramref name="kind"/>.</summary>
    public static int For(BootPrepErrorKind kind) => kind switch
    {
        BootPrepErrorKind.KexecNotPermitted => NotPermitted,
        BootPrepErrorKind.KexecLockdown or BootPrepErrorKind.KexecSignatureRejected => SignatureRefused,
        BootPrepErrorKind.KexecImageRejected => ImageRefused,
        BootPrepErrorKind.KexecBusy => Busy,
        _ => Failure,
    };
}
