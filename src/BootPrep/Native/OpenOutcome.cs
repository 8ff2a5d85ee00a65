namespace BootPrep.Native;

/// <summary>The outcome of an open: a handle, or why there is none and the system's words for it.</summary>
/// <typeparam name="THandle">What the open gives: any node, or a directory.</typeparam>
internal readonly record struct OpenOutcome<THandle>(THandle? Handle, OpenFailure Failure, string Message)
    where THandle : NodeHandle;
