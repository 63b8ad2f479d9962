using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.DuckDb;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;
using CsCheck;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// The same events give PostgreSQL exactly DuckDB's rows, whatever their arrival order, duplicates, batches and the
/// incremental refreshes along the way, and however a refresh's reading is cut into fetches; the facts it keeps for the
/// reports agree with those rows. Each scenario is a workspace of its own in one PostgreSQL store, against a DuckDB store
/// that ingests and refreshes it once.
/// </summary>
public sealed class SameRowsAsDuckDbProperties(PostgresServer server)
{
    private static readonly DateTime s_start = EventLines.Utc("08:00:00");
    private static int s_workspaces;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Arrival_order_duplicates_and_refreshes_along_the_way_give_duckdbs_rows()
    {
        // Fetches of a few rows cut timelines in the middle: a timeline must carry over from one fetch to the next.
        await using var pg = await PgTestStore.CreateAsync(server, new PostgresStoreOptions { RefreshFetchRows = 7, IngestBatchLines = 13 });
        var end = s_start.AddHours(9);
        await Gen.Select(RandomTimelines.Specs(480).Array[1, 60], Gen.Int, Gen.Int[1, 5], Gen.Int[0, 2]).SampleAsync(async (specs, seed, chunks, timeout) =>
        {
            var ws = NewWorkspace();
            var lines = RandomTimelines.Lines(specs, ws, s_start);
            var random = new Random(seed);
            var arriving = lines.Concat(lines.Where(_ => random.Next(4) == 0)).OrderBy(_ => random.Next()).ToList();
            await SetTimeoutAsync(pg, ws, timeout);
            var perChunk = (arriving.Count + chunks - 1) / chunks;
            var asOf = s_start;
            for (var i = 0; i < arriving.Count; i += perChunk)
            {
                await pg.IngestAsync(arriving.Skip(i).Take(perChunk));
                asOf = asOf.AddMinutes(random.Next(0, 200));
                await pg.Store.RefreshAsync(WorkspaceId.Parse(ws), asOf < end ? asOf : end, Ct);
            }

            await pg.Store.RefreshAsync(WorkspaceId.Parse(ws), end, Ct);
            Assert.Equal(await DuckDbSnapshotAsync(lines, ws, timeout, end, new DuckDbStoreOptions()), await SnapshotAsync(pg, ws));
            Assert.Empty(await pg.FactsUnlikeTheirRowsAsync(ws));
        }, iter: 15, threads: 1);
    }

    [Fact]
    public async Task Rolling_refreshes_that_purge_for_retention_give_duckdbs_rows()
    {
        var retention = RetentionPeriod.Of(TimeSpan.FromDays(1));
        await using var pg = await PgTestStore.CreateAsync(server, new PostgresStoreOptions { Retention = retention, RefreshFetchRows = 11 });
        var end = s_start.AddDays(4).AddHours(1);
        await Gen.Select(RandomTimelines.Specs(4 * 1440).Array[1, 80], Gen.Int[2, 6], Gen.Int[0, 2]).SampleAsync(async (specs, chunks, timeout) =>
        {
            var ws = NewWorkspace();
            var ordered = specs.OrderBy(s => s.Minute).ToList();
            var lines = RandomTimelines.Lines(ordered, ws, s_start);
            await SetTimeoutAsync(pg, ws, timeout);
            var perChunk = (ordered.Count + chunks - 1) / chunks;
            for (var i = 0; i < ordered.Count; i += perChunk)
            {
                await pg.IngestAsync(lines.Skip(i).Take(perChunk));
                var next = i + perChunk < ordered.Count ? s_start.AddMinutes(ordered[i + perChunk].Minute) : end;
                await pg.Store.RefreshAsync(WorkspaceId.Parse(ws), next, Ct);
            }

            await pg.Store.RefreshAsync(WorkspaceId.Parse(ws), end, Ct);
            Assert.Equal(await DuckDbSnapshotAsync(lines, ws, timeout, end, new DuckDbStoreOptions { Retention = retention }), await SnapshotAsync(pg, ws));
            Assert.Empty(await pg.FactsUnlikeTheirRowsAsync(ws));
        }, iter: 15, threads: 1);
    }

    private static string NewWorkspace() => $"w{Interlocked.Increment(ref s_workspaces)}";

    private static InactivityTimeout Timeout(int choice) => choice switch
    {
        0 => InactivityTimeout.Default,
        1 => InactivityTimeout.Of(TimeSpan.FromMinutes(15)),
        _ => InactivityTimeout.None,
    };

    private static Task SetTimeoutAsync(PgTestStore pg, string ws, int timeout) =>
        pg.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse(ws), Timeout(timeout), Ct);

    private static async Task<List<string>> DuckDbSnapshotAsync(List<string> lines, string ws, int timeout, DateTime asOf, DuckDbStoreOptions options)
    {
        using var duck = new TestStore(options);
        await duck.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse(ws), Timeout(timeout), Ct);
        await duck.IngestAsync(lines);
        await duck.RefreshAsync(asOf);
        var rows = (await duck.RowsAsync($"SELECT {PgTestStore.SessionColumns} FROM sessions", ws)).Select(Line).ToList();
        rows.Sort(StringComparer.Ordinal);
        var deployments = (await duck.RowsAsync($"SELECT {PgTestStore.DeploymentColumns} FROM deployments", ws)).Select(Line).ToList();
        deployments.Sort(StringComparer.Ordinal);
        return [.. rows, "--", .. deployments];

        static string Line(Dictionary<string, object?> row) => string.Join('|', row.Values.Select(PgTestStore.Text));
    }

    private static async Task<List<string>> SnapshotAsync(PgTestStore pg, string ws) =>
        [.. await pg.SessionsAsync(ws), "--", .. await pg.DeploymentsAsync(ws)];
}
