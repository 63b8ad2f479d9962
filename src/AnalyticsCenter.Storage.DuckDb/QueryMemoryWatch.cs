using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Stops tenant queries when the process's memory passes a limit. DuckDB's own limit covers only what its buffer manager
/// holds (sorts, joins, aggregates), not the values a query computes (strings, lists), so a query can grow the process
/// far past it; this samples the process often while tenant queries run and interrupts all of them past the limit.
/// </summary>
internal sealed class QueryMemoryWatch : IDisposable
{
    /// <summary>How often the process is sampled while queries run: DuckDB checks for an interrupt between vectors.</summary>
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(10);

    private readonly long _limitBytes;
    private readonly Lock _gate = new();
    private readonly HashSet<Watched> _running = [];
    private readonly Timer _sampler;

    public QueryMemoryWatch(long limitBytes)
    {
        _limitBytes = limitBytes;
        _sampler = new Timer(_ => Sample());
    }

    /// <summary>Watches <paramref name="command"/> until the returned watch is disposed.</summary>
    public Watched Watch(DuckDBCommand command)
    {
        var watched = new Watched(this, command);
        lock (_gate)
        {
            if (_running.Add(watched) && _running.Count == 1)
            {
                _sampler.Change(TimeSpan.Zero, s_interval);
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
                _sampler.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
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

    public void Dispose() => _sampler.Dispose();

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
