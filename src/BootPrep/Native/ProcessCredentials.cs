namespace BootPrep.Native;

/// <summary>Who this process runs as, for the writes only root may make.</summary>
internal static class ProcessCredentials
{
    /// <summary>True when this process runs as root and may set owners and make device nodes.</summary>
    public static bool IsRoot => Interop.Sys.GetEUid() == 0;
}
