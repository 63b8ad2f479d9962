using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// Ingest requests through the writer queue with group commit: the request that gets the writer stores every ingest
/// request waiting behind it in the same transaction, so many small requests cost one commit. Each request is still
/// stored whole or not at all, and answered with its own counts. Requests parse their lines before they queue.
/// </summary>
internal sealed class IngestWriter(IEventIngest store, WriterQueue writer)
{
    private readonly Lock _gate = new();
    private List<Waiting> _waiting = [];

    /// <summary>Stores <paramref name="lines"/> once its turn comes; null when the queue is full (the caller says 429).</summary>
    /// <remarks>Once queued, a request waits for its commit even if its client goes: it may already be part of another request's transaction.</remarks>
    public async Task<IngestReport?> IngestAsync(Stream lines, IngestOptions options)
    {
        // Parsing needs no turn at the writer: requests parse side by side while the writer commits earlier ones.
        var mine = new Waiting(store.Prepare(lines, options));
        if (!await writer.EnterAsync(CancellationToken.None, onQueued: () => { lock (_gate) { _waiting.Add(mine); } }))
        {
            return null;
        }

        try
        {
            // Whoever holds the writer takes all that wait and finishes them before letting go: not done yet means mine is among them.
            if (!mine.Report.Task.IsCompleted)
            {
                List<Waiting> group;
                lock (_gate)
                {
                    (group, _waiting) = (_waiting, []);
                }

                await Task.Run(() => Commit(group), CancellationToken.None);
            }
        }
        finally
        {
            writer.Exit();
        }

        return await mine.Report.Task;
    }

    private async Task Commit(List<Waiting> group)
    {
        try
        {
            var reports = await store.IngestTogetherAsync(group.Select(w => w.Input).ToList(), CancellationToken.None);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Report.SetResult(reports[i]);
            }
        }
        catch (Exception ex)
        {
            // One transaction: none of the group was stored, and each request says so.
            foreach (var waiting in group)
            {
                waiting.Report.TrySetException(ex);
            }
        }
    }

    private sealed record Waiting(PreparedInput Input)
    {
        public TaskCompletionSource<IngestReport> Report { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
