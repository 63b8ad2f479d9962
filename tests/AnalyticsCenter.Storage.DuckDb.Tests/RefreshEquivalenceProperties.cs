using System.Globalization;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using CsCheck;
using DuckDB.NET.Data;
using Spec = AnalyticsCenter.TestKit.RandomTimelines.Spec;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>
/// The tables depend only on the set of events and the as-of time: not on arrival order, duplicates, or how many
/// incremental refreshes came before, nor on how many passes a refresh takes. Checked over random event streams
/// against a real store.
/// </summary>
public sealed class RefreshEquivalenceProperties
{
    private static readonly DateTime s_start = EventLines.Utc("08:00:00");
    private static readonly DateTime s_asOf = s_start.AddHours(9);

    private static readonly Gen<Spec> s_spec = RandomTimelines.Specs(480);

    private static readonly Gen<(Spec[] Events, int Shuffle, int Chunks, int Timeout, int PassEvents)> s_scenario =
        Gen.Select(s_spec.Array[1, 60], Gen.Int, Gen.Int[1, 5], Gen.Int[0, 2], Gen.Int[1, 40]);

    [Fact]
    public Task Arrival_order_duplicates_and_split_refreshes_never_change_the_tables() =>
        s_scenario.SampleAsync(async scenario =>
        {
            var (specs, shuffleSeed, chunks, timeoutChoice, passEvents) = scenario;
            var timeout = timeoutChoice switch
            {
                0 => InactivityTimeout.Default,
                1 => InactivityTimeout.Of(TimeSpan.FromMinutes(15)),
                _ => InactivityTimeout.None,
            };
            var lines = specs.Select(s => RandomTimelines.Line(s, "acme", s_start)).ToList();

            using var once = new TestStore();
            await once.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse("acme"), timeout);
            await once.IngestAsync(lines);
            await once.RefreshAsync(s_asOf);

            using var split = new TestStore(new DuckDbStoreOptions { RefreshPassEvents = passEvents });
            await split.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse("acme"), timeout);
            var random = new Random(shuffleSeed);
            var arriving = lines.Concat(lines.Where(_ => random.Next(4) == 0)).OrderBy(_ => random.Next()).ToList();
            var perChunk = (arriving.Count + chunks - 1) / chunks;
            var asOf = s_start;
            for (var i = 0; i < arriving.Count; i += perChunk)
            {
                await split.IngestAsync(arriving.Skip(i).Take(perChunk));
                asOf = asOf.AddMinutes(random.Next(0, 200));
                await split.RefreshAsync(asOf < s_asOf ? asOf : s_asOf);
            }

            await split.RefreshAsync(s_asOf);
            Assert.Equal(await SnapshotAsync(once), await SnapshotAsync(split));
        }, iter: 40, threads: 1);

    // A refresh keeps a recomputed row that it makes again by the events the row names; a store from before those
    // columns has none, and must not keep rows it cannot compare.
    [Fact]
    public Task Rows_stored_before_they_named_their_events_are_made_again_by_the_next_refresh() =>
        UpgradedStoreRefreshesAsBefore(string.Join(';', s_rowEventColumns.Select(c => $"ALTER TABLE ac.{c.Table} DROP COLUMN {c.Column}")));

    [Fact]
    public Task Events_stored_before_deployment_keys_are_keyed_on_opening_and_refresh_as_before() =>
        UpgradedStoreRefreshesAsBefore("ALTER TABLE ac.events DROP COLUMN deployment_key");

    /// <summary>
    /// A store that ingested and refreshed part of the events, then lost what <paramref name="downgrade"/> drops (as a
    /// file from an older version), is reopened, takes the rest, and ends with the rows of a store that had it all along.
    /// </summary>
    private static Task UpgradedStoreRefreshesAsBefore(string downgrade) =>
        s_scenario.SampleAsync(async scenario =>
        {
            var (specs, shuffleSeed, _, _, passEvents) = scenario;
            var lines = specs.Select(s => RandomTimelines.Line(s, "acme", s_start)).ToList();

            using var once = new TestStore();
            await once.IngestAsync(lines);
            await once.RefreshAsync(s_asOf);

            using var upgraded = new TestStore(new DuckDbStoreOptions { RefreshPassEvents = passEvents });
            var random = new Random(shuffleSeed);
            var firstPart = random.Next(lines.Count + 1);
            await upgraded.IngestAsync(lines.Take(firstPart));
            await upgraded.RefreshAsync(s_start.AddMinutes(random.Next(0, 480)));
            upgraded.Store.Dispose();
            using (var connection = new DuckDBConnection($"Data Source={upgraded.DatabasePath}"))
            {
                connection.Open();
                using var drop = connection.CreateCommand();
                drop.CommandText = downgrade;
                drop.ExecuteNonQuery();
            }

            upgraded.Reopen();
            await upgraded.IngestAsync(lines.Skip(firstPart));
            await upgraded.RefreshAsync(s_asOf);
            Assert.Equal(await SnapshotAsync(once), await SnapshotAsync(upgraded));
        }, iter: 15, threads: 1);

    private static readonly (string Table, string Column)[] s_rowEventColumns =
    [
        ("sessions", "id_seq"), ("sessions", "parent_id_seq"), ("sessions", "first_message_seq"), ("sessions", "last_message_seq"),
        ("sessions", "last_node_seq"), ("deployments", "created_seq"), ("deployments", "outcome_seq"),
    ];

    private static readonly Gen<(Spec[] Events, int Chunks, int Timeout, int PassEvents)> s_longScenario =
        Gen.Select(RandomTimelines.Specs(4 * 1440).Array[1, 80], Gen.Int[2, 6], Gen.Int[0, 2], Gen.Int[1, 40]);

    [Fact]
    public Task Purging_events_for_retention_along_the_way_never_changes_the_retained_rows() =>
        s_longScenario.SampleAsync(async scenario =>
        {
            var (specs, chunks, timeoutChoice, passEvents) = scenario;
            var timeout = Timeout(timeoutChoice);
            var options = new DuckDbStoreOptions { Retention = RetentionPeriod.Of(TimeSpan.FromDays(1)) };
            var inOrder = RandomTimelines.Lines(specs.OrderBy(s => s.Minute).ToList(), "acme", s_start);
            var end = s_start.AddDays(4).AddHours(1);

            using var once = new TestStore(options);
            await once.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse("acme"), timeout);
            await once.IngestAsync(inOrder);
            await once.RefreshAsync(end);

            // Events arrive as time passes; each refresh purges what retention no longer needs.
            using var rolling = new TestStore(options with { RefreshPassEvents = passEvents });
            await rolling.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse("acme"), timeout);
            var ordered = specs.OrderBy(s => s.Minute).ToList();
            var perChunk = (ordered.Count + chunks - 1) / chunks;
            for (var i = 0; i < ordered.Count; i += perChunk)
            {
                await rolling.IngestAsync(inOrder.Skip(i).Take(perChunk));
                var next = i + perChunk < ordered.Count ? s_start.AddMinutes(ordered[i + perChunk].Minute) : end;
                await rolling.RefreshAsync(next);
            }

            await rolling.RefreshAsync(end);
            Assert.Equal(await SnapshotAsync(once), await SnapshotAsync(rolling));
        }, iter: 40, threads: 1);

    private static readonly string[] s_workspaces = ["acme", "globex", "initech"];

    private static readonly Gen<(Spec[] Events, int[] Workspaces, int[] Timeouts, int Chunks, int PassEvents)> s_workspacesScenario =
        Gen.Select(s_longScenario.Select(scenario => scenario.Events), Gen.Int[0, 2].Array[80], Gen.Int[0, 2].Array[3], Gen.Int[2, 6], Gen.Int[1, 40]);

    [Fact]
    public Task Workspaces_refreshed_together_get_exactly_the_rows_each_gets_alone() =>
        s_workspacesScenario.SampleAsync(async scenario =>
        {
            // The same timelines, deployment ids and event times in every workspace, and a timeout of each one's own: any
            // step that mixed workspaces up would show.
            var (specs, workspaceOf, timeoutOf, chunks, passEvents) = scenario;
            var options = new DuckDbStoreOptions { Retention = RetentionPeriod.Of(TimeSpan.FromDays(1)) };
            var ordered = specs.OrderBy(s => s.Minute).ToList();
            var lines = RandomTimelines.Lines(ordered, i => s_workspaces[workspaceOf[i]], s_start)
                .Select((line, i) => (Workspace: s_workspaces[workspaceOf[i]], Line: line))
                .ToList();
            var end = s_start.AddDays(4).AddHours(1);

            using var together = new TestStore(options with { RefreshPassEvents = passEvents });
            foreach (var (workspace, i) in s_workspaces.Select((w, i) => (w, i)))
            {
                await together.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse(workspace), Timeout(timeoutOf[i]));
            }

            var perChunk = (lines.Count + chunks - 1) / chunks;
            for (var i = 0; i < lines.Count; i += perChunk)
            {
                await together.IngestAsync(lines.Skip(i).Take(perChunk).Select(l => l.Line));
                await together.RefreshAsync(i + perChunk < lines.Count ? s_start.AddMinutes(ordered[i + perChunk].Minute) : end);
            }

            await together.RefreshAsync(end);
            foreach (var (workspace, i) in s_workspaces.Select((w, i) => (w, i)))
            {
                using var alone = new TestStore(options);
                await alone.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse(workspace), Timeout(timeoutOf[i]));
                await alone.IngestAsync(lines.Where(l => l.Workspace == workspace).Select(l => l.Line));
                await alone.RefreshAsync(end);
                Assert.Equal(await SnapshotAsync(alone, workspace), await SnapshotAsync(together, workspace));
            }
        }, iter: 25, threads: 1);

    private static readonly Gen<(Spec[] Events, int[] Workspaces, int[] Refreshes, int Chunks, int Forget)> s_workspaceListScenario =
        Gen.Select(s_spec.Array[1, 60], Gen.Int[0, 2].Array[60], Gen.Int[0, 3].Array[60], Gen.Int[2, 8], Gen.Int[-1, 8]);

    [Fact]
    public Task Refreshes_of_one_workspace_among_refreshes_of_all_bring_every_workspace_with_events() =>
        s_workspaceListScenario.SampleAsync(async scenario =>
        {
            // A refresh of all searches only the events since the last one for workspaces it has not refreshed yet: one
            // that first comes between two (with a status alone, or while another is refreshed by itself) must be found,
            // and so must every workspace of a store from before that search was bounded.
            var (specs, workspaceOf, refreshOf, chunks, forget) = scenario;
            var lines = specs.Select((s, i) => (Workspace: s_workspaces[workspaceOf[i]], Line: RandomTimelines.Line(s, s_workspaces[workspaceOf[i]], s_start)))
                .ToList();

            using var once = new TestStore();
            await once.IngestAsync(lines.Select(l => l.Line));
            var expected = await once.RefreshAsync(s_asOf);

            using var split = new TestStore();
            var perChunk = (lines.Count + chunks - 1) / chunks;
            for (var (i, chunk) = (0, 0); i < lines.Count; (i, chunk) = (i + perChunk, chunk + 1))
            {
                await split.IngestAsync(lines.Skip(i).Take(perChunk).Select(l => l.Line));
                if (chunk == forget)
                {
                    split.Store.Dispose();
                    using (var connection = new DuckDBConnection($"Data Source={split.DatabasePath}"))
                    {
                        connection.Open();
                        using var drop = connection.CreateCommand();
                        drop.CommandText = "DROP TABLE ac.refresh_all";
                        drop.ExecuteNonQuery();
                    }

                    split.Reopen();
                }

                _ = refreshOf[chunk] < s_workspaces.Length
                    ? await split.Store.RefreshAsync(WorkspaceId.Parse(s_workspaces[refreshOf[chunk]]), s_asOf)
                    : await split.RefreshAsync(s_asOf);
            }

            var actual = await split.RefreshAsync(s_asOf);
            Assert.Equal(expected.Workspaces.Select(w => w.Workspace), actual.Workspaces.Select(w => w.Workspace));
            foreach (var workspace in s_workspaces)
            {
                Assert.Equal(await SnapshotAsync(once, workspace), await SnapshotAsync(split, workspace));
            }
        }, iter: 30, threads: 1);

    private static InactivityTimeout Timeout(int choice) => choice switch
    {
        0 => InactivityTimeout.Default,
        1 => InactivityTimeout.Of(TimeSpan.FromHours(20)),
        _ => InactivityTimeout.None,
    };

    private static async Task<string> SnapshotAsync(TestStore store, string workspace = "acme")
    {
        var sessions = await store.RowsAsync("SELECT * FROM sessions ORDER BY session_id", workspace);
        var deployments = await store.RowsAsync("SELECT * FROM deployments ORDER BY deployment_id", workspace);
        return string.Join('\n', sessions.Concat(deployments).Select(row => string.Join('|', row.Select(c => $"{c.Key}={Text(c.Value)}"))));
    }

    private static string Text(object? value) => value switch
    {
        null => "∅",
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
