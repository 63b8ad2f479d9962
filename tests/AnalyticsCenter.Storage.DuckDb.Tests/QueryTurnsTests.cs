using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>Only so many tenant queries run at once; the others wait for a turn, within their time limit.</summary>
public sealed class QueryTurnsTests : IAsyncLifetime
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private readonly TestStore _store = new(new DuckDbStoreOptions { MaxConcurrentQueries = 1, QueryTimeout = TimeSpan.FromSeconds(2) });

    public async ValueTask InitializeAsync()
    {
        await _store.IngestAsync(new EventLines("acme").Inbound("09:00:00", "hola"));
        await _store.RefreshAsync("12:00:00");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_query_waits_for_a_turn_times_out_waiting_and_runs_once_the_turn_is_free()
    {
        var reading = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        // Holds its turn after reading, as a slow client would: its own time limit cannot interrupt it then.
        var holder = _store.Store.QueryAsync(s_acme, "SELECT first_message FROM sessions", async reader =>
        {
            var first = reader.Read() ? reader.GetString(0) : null;
            reading.SetResult();
            await release.Task;
            return first;
        }, Ct);
        await reading.Task.WaitAsync(Ct);

        await Assert.ThrowsAsync<QueryTimedOutException>(() => Task.Run(() => _store.RowsAsync("SELECT count(*) AS n FROM sessions"), Ct));
        release.SetResult();
        Assert.Equal("hola", await holder);

        Assert.Equal(1L, Assert.Single(await _store.RowsAsync("SELECT count(*) AS n FROM sessions"))["n"]);
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
