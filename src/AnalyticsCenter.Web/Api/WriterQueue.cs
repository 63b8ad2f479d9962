using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// The queue in front of the store's writers (ingest requests, on-demand and scheduled refreshes): a bounded number of
/// requests wait their turn, and one beyond that is told to come back (429) rather than piling up memory. A store that
/// takes several writing transactions at once (<see cref="IConcurrentWrites"/>) gets <see cref="WebHostSettings.ConcurrentWriters"/>
/// of them; any other store one, since one process writes its file.
/// </summary>
internal sealed class WriterQueue : IDisposable
{
    private readonly WebHostSettings _settings;
    private readonly SemaphoreSlim _writers;
    private int _queued;

    /// <param name="settings">How many may wait, and how many writers a store that takes several gets.</param>
    /// <param name="concurrent">The store's role when it takes several writing transactions at once; null for one writer.</param>
    public WriterQueue(WebHostSettings settings, IConcurrentWrites? concurrent = null)
    {
        _settings = settings;
        Writers = concurrent is null ? 1 : Math.Clamp(settings.ConcurrentWriters, 1, Math.Max(1, concurrent.MaxConcurrentWrites));
        _writers = new SemaphoreSlim(Writers, Writers);
    }

    /// <summary>How many writers may hold the store at once.</summary>
    public int Writers { get; }

    /// <summary>Waits for a writer; false at once when the queue is full (unless <paramref name="wait"/>: the scheduler always waits).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <param name="wait">Wait even when the queue is full.</param>
    /// <param name="onQueued">Called once the request has its place in the queue, before it waits.</param>
    public async Task<bool> EnterAsync(CancellationToken cancellationToken, bool wait = false, Action? onQueued = null)
    {
        if (Interlocked.Increment(ref _queued) > _settings.IngestQueueLength && !wait)
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }

        onQueued?.Invoke();

        try
        {
            await _writers.WaitAsync(cancellationToken);
            return true;
        }
        catch
        {
            Interlocked.Decrement(ref _queued);
            throw;
        }
    }

    /// <summary>Requests waiting for a writer or holding one.</summary>
    public int Depth => Volatile.Read(ref _queued);

    public void Exit()
    {
        _writers.Release();
        Interlocked.Decrement(ref _queued);
    }

    public void Dispose() => _writers.Dispose();
}
