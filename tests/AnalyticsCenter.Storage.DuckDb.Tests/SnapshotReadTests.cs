using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>
/// A tenant's long read (an export, a big sort) reads the snapshot it started with, and holds nothing a refresh's commit
/// needs: the refresh, and every query after it, finish while it runs.
/// </summary>
public sealed class SnapshotReadTests : IAsyncLifetime
{
    /// <summary>
    /// Only acme's sessions, each kept only after a count over a billion generated rows (seconds of work, nothing stored),
    /// so the export is still running while the test refreshes.
    /// </summary>
    private const string SlowExport =
        "SELECT first_message FROM sessions WHERE (SELECT count(*) FROM range(1000000000) r WHERE r.range % 1000003 = 7) > 0";

    private readonly TestStore _store = new(new DuckDbStoreOptions { QueryTimeout = TimeSpan.FromMinutes(3) });
    private readonly EventLines _acme = new("acme");
    private readonly EventLines _globex = new("globex", phone: "593991234567");
    private readonly string _exported = Path.Combine(Path.GetTempPath(), $"ac-snapshot-{Guid.NewGuid():N}.parquet");

    public async ValueTask InitializeAsync()
    {
        await _store.IngestAsync(_acme.Inbound("09:00:00", "before"), _globex.Inbound("09:00:00", "globex"));
        await _store.RefreshAsync("10:00:00");
        await _store.IngestAsync(new EventLines("acme", phone: "14155552671").Inbound("10:30:00", "after"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refresh_and_another_tenants_query_finish_while_an_export_runs_and_the_export_keeps_its_snapshot()
    {
        var export = Task.Run(async () =>
        {
            await using var file = File.Create(_exported);
            return await _store.Store.ExportParquetAsync(WorkspaceId.Parse("acme"), SlowExport, new Dictionary<string, object?>(), file, cancellationToken: Ct);
        }, Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);

        var refreshed = await Task.Run(() => _store.RefreshAsync("11:00:00"), Ct);
        var globexSessions = await _store.RowsAsync("SELECT count(*) AS n FROM sessions", "globex");
        var acmeSessions = await _store.RowsAsync("SELECT first_message FROM sessions ORDER BY 1");

        Assert.False(export.IsCompleted, "the refresh and the queries should finish while the export still runs");
        Assert.Equal(2, refreshed.Workspaces.Single(w => w.Workspace == "acme").Sessions);
        Assert.Equal(1L, globexSessions.Single()["n"]);
        Assert.Equal(["after", "before"], acmeSessions.Select(row => (string)row["first_message"]!));
        Assert.Equal(1, await export);
        Assert.Equal(["before"], ReadExported());
    }

    private List<string> ReadExported()
    {
        using var reader = new DuckDBConnection("Data Source=:memory:");
        reader.Open();
        using var command = reader.CreateCommand();
        command.CommandText = $"SELECT first_message FROM read_parquet('{_exported}')";
        using var rows = command.ExecuteReader();
        var read = new List<string>();
        while (rows.Read())
        {
            read.Add(rows.GetString(0));
        }

        return read;
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        File.Delete(_exported);
        return ValueTask.CompletedTask;
    }
}
