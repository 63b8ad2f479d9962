using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.Postgres;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Citus;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>A store made on one PostgreSQL server is spread over a Citus cluster in place (analytics store distribute), nothing lost.</summary>
public sealed class DistributeInPlaceTests(CitusCluster cluster)
{
    /// <summary>Every row of the store's own tables, in a fixed order, as text.</summary>
    private const string Everything =
        """
        SELECT 'event ' || e.workspace_id || ' ' || e.event_id || ' ' || e.type || ' ' || e.occurred_at || ' ' || coalesce(t.line_number, '-')
        FROM analytics.events e LEFT JOIN analytics.timelines t ON t.workspace_id = e.workspace_id AND t.timeline_id = e.timeline_id
        UNION ALL SELECT 'session ' || s::text FROM analytics.sessions s
        UNION ALL SELECT 'deployment ' || d::text FROM analytics.deployments d
        UNION ALL SELECT 'state ' || r::text FROM analytics.refresh_state r
        UNION ALL SELECT 'queued ' || q.workspace_id FROM analytics.refresh_batches q
        UNION ALL SELECT 'setting ' || w.workspace_id || ' ' || coalesce(w.time_zone, '-') FROM analytics.workspaces w
        ORDER BY 1
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refreshed_store_keeps_every_row_when_distributed_and_distributing_again_changes_nothing()
    {
        var host = new PlainDatabasesOnCluster(cluster);
        await using var database = await OwnedDatabase.CreateAsync(host, Ct);
        await using var db = await PostgresTestStore.OpenAsync(host, database.Name, database.ConnectionString, new(), null);
        var acme = new EventLines();
        var globex = new EventLines(workspace: "globex", phone: "5215559990000");
        await db.IngestAsync(
            acme.DeploymentCreated("13:00:00", "dep-1"), acme.Status("13:00:04", "dep-1", "delivered"), acme.Inbound("13:02:00", "hola"),
            globex.Inbound("14:00:00", "hi"), globex.AgentAssigned("14:01:00"), globex.Outbound("14:05:00", sender: "agent"));
        Assert.True(WorkspaceTimeZone.TryParse("America/Bogota", out var bogota));
        await db.Store.SetTimeZoneAsync(WorkspaceId.Parse("globex"), bogota, Ct);
        await db.RefreshAsync("18:00:00");
        await db.IngestAsync(acme.Inbound("19:00:00", "waiting for the next refresh"));
        var before = await EverythingAsync(database);
        Assert.Equal(
            ["deployment", "event", "queued", "session", "setting", "state"],
            before.Select(row => row.Split(' ')[0]).Distinct().Order(StringComparer.Ordinal));

        // acme's role, views and grants are made on the single server, by a first query, and carried to the workers.
        var acmeSees = await TenantRowsAsync(db);
        Assert.NotEmpty(acmeSees);

        await cluster.AddCitusAsync(database.Name, Ct);
        Assert.True(await db.Store.DistributeAsync(Ct));
        Assert.False(await db.Store.DistributeAsync(Ct));

        Assert.Equal(before, await EverythingAsync(database));
        Assert.Equal(acmeSees, await TenantRowsAsync(db));
        Assert.Equal(12, await ScalarAsync(database, "SELECT count(*) FROM pg_dist_partition WHERE partmethod = 'h'"));
    }

    [Fact]
    public async Task Two_distribute_commands_at_once_while_events_arrive_distribute_once_and_lose_no_event()
    {
        var host = new PlainDatabasesOnCluster(cluster);
        await using var database = await OwnedDatabase.CreateAsync(host, Ct);
        await using var first = await PostgresTestStore.OpenAsync(host, database.Name, database.ConnectionString, new(), null);
        await using var second = await PostgresTestStore.OpenAsync(host, database.Name, database.ConnectionString, new(), null);
        await first.IngestAsync(Enumerable.Range(0, 200).Select(i => new EventLines(phone: $"57300{i:D7}").Inbound("13:00:00", "before")));
        await cluster.AddCitusAsync(database.Name, Ct);

        // A writer keeps ingesting batches of its own users while both commands run; each batch commits whole, before or after.
        using var distributed = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var batches = 0;
            while (!distributed.IsCancellationRequested || batches < 3)
            {
                await second.IngestAsync(Enumerable.Range(0, 50).Select(i => new EventLines(phone: $"57311{batches:D4}{i:D3}").Inbound("14:00:00", "during")));
                batches++;
            }

            return batches;
        }, Ct);
        var outcomes = await Task.WhenAll(first.Store.DistributeAsync(Ct), second.Store.DistributeAsync(Ct));
        await distributed.CancelAsync();
        var written = await writer;

        Assert.Equal([false, true], outcomes.Order());
        Assert.Equal(12, await ScalarAsync(database, "SELECT count(*) FROM pg_dist_partition WHERE partmethod = 'h'"));
        Assert.Equal(200 + (written * 50), await ScalarAsync(database, "SELECT count(DISTINCT event_id) FROM analytics.events"));
        Assert.Equal(200 + (written * 50), await ScalarAsync(database, "SELECT count(*) FROM analytics.events"));
    }

    [Fact]
    public async Task Events_ingested_and_refreshed_after_distributing_give_the_rows_one_server_gives()
    {
        var acme = new EventLines();
        var globex = new EventLines(workspace: "globex", phone: "5215559990000");
        string[] before = [acme.DeploymentCreated("13:00:00", "dep-1"), acme.Inbound("13:02:00", "hola")];
        string[] after =
        [
            acme.Status("14:10:00", "dep-1", "delivered"), acme.Inbound("15:30:00", "back again"),
            globex.Inbound("15:00:00", "hi"), globex.AgentAssigned("15:01:00"), globex.Outbound("15:05:00", sender: "agent"),
        ];
        var host = new PlainDatabasesOnCluster(cluster);
        var tables = new List<List<string>>();
        foreach (var distribute in new[] { false, true })
        {
            await using var database = await OwnedDatabase.CreateAsync(host, Ct);
            await using var db = await PostgresTestStore.OpenAsync(host, database.Name, database.ConnectionString, new(), null);
            await db.IngestAsync(before);
            await db.RefreshAsync("14:00:00");
            if (distribute)
            {
                await cluster.AddCitusAsync(database.Name, Ct);
                Assert.True(await db.Store.DistributeAsync(Ct));
            }

            await db.IngestAsync(after);
            await db.RefreshAsync("18:00:00");
            tables.Add((await EverythingAsync(database)).Where(row => row.StartsWith("session ") || row.StartsWith("deployment ")).ToList());
        }

        Assert.Contains(tables[0], row => row.StartsWith("session ") && row.Contains("globex"));
        Assert.Equal(tables[0], tables[1]);
    }

    [Fact]
    public async Task A_store_an_older_version_distributed_is_upgraded_in_place_and_gives_the_rows_one_server_gives()
    {
        var acme = new EventLines();
        var globex = new EventLines(workspace: "globex", phone: "5215559990000");
        string[] events =
        [
            acme.DeploymentCreated("13:00:00", "dep-1"), acme.Status("13:00:04", "dep-1", "delivered"), acme.Inbound("13:02:00", "hola"),
            globex.Inbound("15:00:00", "hi"), globex.AgentAssigned("15:01:00"), globex.Outbound("15:05:00", sender: "agent"),
        ];
        var host = new PlainDatabasesOnCluster(cluster);
        var seen = new List<List<string>>();
        foreach (var upgraded in new[] { false, true })
        {
            await using var database = await OwnedDatabase.CreateAsync(host, Ct);
            if (upgraded)
            {
                // Version 19, distributed: the report facts (020), forced custom plans (021) and bytewise keys (022) came
                // later, so their statements meet distributed tables.
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(Ct);
                await SchemaMigrations.ApplyAsync(connection, Ct, upTo: 19);
                await cluster.AddCitusAsync(database.Name, Ct);
                await CitusLayout.DistributeAsync(connection, Ct);
            }

            await using var db = await PostgresTestStore.OpenAsync(host, database.Name, database.ConnectionString, new(), null);
            await db.IngestAsync(events);
            await db.RefreshAsync("18:00:00");
            seen.Add([
                .. (await EverythingAsync(database)).Where(row => row.StartsWith("session ") || row.StartsWith("deployment ")),
                .. await TenantRowsAsync(db),
                $"version {await ScalarAsync(database, "SELECT max(version)::bigint FROM analytics.schema_migrations")}",
            ]);
        }

        Assert.Contains(seen[0], row => row.StartsWith("session ") && row.Contains("globex"));
        Assert.Contains($"version {SchemaMigrations.Latest}", seen[1]);
        Assert.Equal(seen[0], seen[1]);
    }

    /// <summary>What acme's own query sees of both tables.</summary>
    private static async Task<List<string>> TenantRowsAsync(PostgresTestStore db) =>
        (await db.RowsAsync("SELECT session_id AS id FROM sessions UNION ALL SELECT deployment_id FROM deployments ORDER BY 1"))
        .Select(row => (string)row["id"]!).ToList();

    private static async Task<List<string>> EverythingAsync(OwnedDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(Everything, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(OwnedDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
