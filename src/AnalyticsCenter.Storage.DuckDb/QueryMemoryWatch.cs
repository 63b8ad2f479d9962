using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Stops tenant queries when the process's memory passes a limit. DuckDB's own limit covers only what its buffer manager
/// holds (sorts, joins, aggregates), not the values a query computes (strings, lists), so a query can grow the process
/// far past it; this samples the process often while tenant queries run and interrupts all of them past the limit. It
/// samples on a thread of its own: a flood of queries can starve the thread pool just when sampling matters most.
/// </summary>
internal sealed class QueryMemoryWatch : IDisposable
{
    /// <summary>How often the process is sampled while queries run: DuckDB checks for an interrupt between vectors.</summary>
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(10);

    private readonly long _limitBytes;
    private readonly Lock _gate = new();
    private readonly HashSet<Watched> _running = [];

    /// <summary>Set while queries run (the sampler then works), and to end the sampler.</summary>
    private readonly ManualResetEventSlim _busy = new();

    private volatile bool _disposed;

    public QueryMemoryWatch(long limitBytes)
    {
        _limitBytes = limitBytes;
        new Thread(SampleWhileBusy) { IsBackground = true, Name = "query memory watch" }.Start();
    }

    /// <summary>Watches <paramref name="command"/> until the returned watch is disposed.</summary>
    public Watched Watch(DuckDBCommand command)
    {
        var watched = new Watched(this, command);
        lock (_gate)
        {
            if (_running.Add(watched) && _running.Count == 1)
            {
                _busy.Set();
            }
        }

        return watched;
    }

    private void Forget(Watched watched)
    {
        lock (_gate)
        {
            if (_running.Remove(watched) && _running.Count == 0)
            {
                _busy.Reset();
            }
        }
    }

    private void SampleWhileBusy()
    {
        while (true)
        {
            _busy.Wait();
            if (_disposed)
            {
                _busy.Dispose();
                return;
            }

            Sample();
            Thread.Sleep(s_interval);
        }
    }

    private void Sample()
    {
        if (Environment.WorkingSet <= _limitBytes)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var watched in _running)
            {
                watched.Stop();
            }
        }
    }

    /// <summary>Ends the sampler (it disposes what it waits on as it leaves).</summary>
    public void Dispose()
    {
        _disposed = true;
        _busy.Set();
    }

    /// <summary>A running query, and whether the watch stopped it.</summary>
    internal sealed class Watched(QueryMemoryWatch watch, DuckDBCommand command) : IDisposable
    {
        private volatile bool _stopped;

        public bool Stopped => _stopped;

        public void Stop()
        {
            _stopped = true;
            command.Cancel();
        }

        public void Dispose() => watch.Forget(this);
    }
}
