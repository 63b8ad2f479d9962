namespace AnalyticsCenter.Web.Api;

/// <summary>
/// The queue in front of the store's single writer (ingest requests, on-demand and scheduled refreshes): a bounded
/// number of requests wait their turn, and one beyond that is told to come back (429) rather than piling up memory.
/// </summary>
internal sealed class WriterQueue(WebHostSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private int _queued;

    /// <summary>Waits for the writer; false at once when the queue is full (unless <paramref name="wait"/>: the scheduler always waits).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <param name="wait">Wait even when the queue is full.</param>
    /// <param name="onQueued">Called once the request has its place in the queue, before it waits.</param>
    public async Task<bool> EnterAsync(CancellationToken cancellationToken, bool wait = false, Action? onQueued = null)
    {
        if (Interlocked.Increment(ref _queued) > settings.IngestQueueLength && !wait)
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }

        onQueued?.Invoke();

        try
        {
            await _writer.WaitAsync(cancellationToken);
            return true;
        }
        catch
        {
            Interlocked.Decrement(ref _queued);
            throw;
        }
    }

    /// <summary>Requests waiting for the writer or holding it.</summary>
    public int Depth => Volatile.Read(ref _queued);

    public void Exit()
    {
        _writer.Release();
        Interlocked.Decrement(ref _queued);
    }

    public void Dispose() => _writer.Dispose();
}
