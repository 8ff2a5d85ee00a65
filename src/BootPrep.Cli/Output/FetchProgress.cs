using System.Diagnostics;
using System.Globalization;

namespace BootPrep.Cli.Output;

/// <summary>One self-rewriting line on a terminal while a registry's layers arrive: what, bytes, rate; ten updates a second at most.</summary>
internal sealed class FetchProgress(TextWriter terminal, string source) : IProgress<long>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private long _lastDraw = -1000;
    private bool _drawn;
    private bool _done;

    public void Report(long value)
    {
        lock (_lock)
        {
            var now = _clock.ElapsedMilliseconds;
            if (_done || now - _lastDraw < 100)
            {
                return;
            }

            _lastDraw = now;
            _drawn = true;
            var rate = value / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            terminal.Write(string.Create(CultureInfo.InvariantCulture, $"\rfetching {source}  {value / 1048576.0:F1} MiB  {rate / 1048576.0:F1} MiB/s   "));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_drawn && !_done)
            {
                terminal.Write("\r\x1b[K");
            }

            // Bytes fetched again later (a file re-read from its layer) draw no line once the fetch is over.
            _done = true;
        }
    }
}
