using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// Ingest requests through the writer queue with group commit: a request that gets a writer while it still waits stores
/// every ingest request waiting with it in one transaction, so many small requests cost one commit. With several writers
/// (a store that takes them, <see cref="WriterQueue"/>) several such groups commit side by side. Each request is still
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
        // Parsing needs no turn at a writer: requests parse side by side while the writers commit earlier ones.
        var mine = new Waiting(store.Prepare(lines, options));
        if (!await writer.EnterAsync(CancellationToken.None, onQueued: () => { lock (_gate) { _waiting.Add(mine); } }))
        {
            return null;
        }

        try
        {
            // A writer takes all that wait, and finishes them before letting go. Mine may be in another writer's group
            // already: then this one lets go at once, for a request that still waits.
            List<Waiting> group = [];
            lock (_gate)
            {
                if (_waiting.Contains(mine))
                {
                    (group, _waiting) = (_waiting, []);
                }
            }

            if (group.Count > 0)
            {
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

    private sealed class Waiting(PreparedInput input)
    {
        public PreparedInput Input { get; } = input;

        public TaskCompletionSource<IngestReport> Report { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
