using System.Diagnostics;
using System.Globalization;
using BootPrep.Unpack;

namespace BootPrep.Cli.Output;

/// <summary>One self-rewriting progress line on a terminal: layer i/n, bytes, rate; at most ten updates a second.</summary>
internal sealed class TerminalProgress(TextWriter terminal) : IProgress<UnpackProgress>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1000;
    private long _doneBytes;
    private long _layerBytes;
    private int _layer;

    public void Report(UnpackProgress value)
    {
        if (value.Layer != _layer)
        {
            _doneBytes += _layerBytes;
            _layer = value.Layer;
        }

        _layerBytes = value.Bytes;
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 100)
        {
            return;
        }

        _lastDraw = now;
        var total = _doneBytes + _layerBytes;
        var rate = total / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        terminal.Write(string.Create(CultureInfo.InvariantCulture, $"\rlayer {value.Layer}/{value.LayerCount}  {total / 1048576.0:F1} MiB  {rate / 1048576.0:F1} MiB/s   "));
    }

    public void Dispose()
    {
        if (_lastDraw >= 0)
        {
            terminal.Write("\r\x1b[K");
        }
    }
}
