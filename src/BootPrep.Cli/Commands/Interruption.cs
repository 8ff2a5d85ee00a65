using System.Runtime.InteropServices;

namespace BootPrep.Cli.Commands;

/// <summary>
/// Turns SIGINT, SIGTERM and SIGHUP (Ctrl-C, systemctl stop, a closed terminal) into a cancellation, so that the
/// work in progress can stop between two steps and remove what it wrote, instead of dying mid-write.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private PosixSignal? _signal;

    public Interruption() =>
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, OnSignal))];

    /// <summary>Cancelled at the first of the signals.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The signal that came, or null.</summary>
    public PosixSignal? Signal => _signal;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The process stays alive to clean up; the work notices the cancellation and unwinds.
        context.Cancel = true;
        _signal ??= context.Signal;
        _source.Cancel();
    }
}
