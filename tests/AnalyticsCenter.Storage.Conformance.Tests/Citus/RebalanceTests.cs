using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Citus;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>
/// A worker joins a running cluster and the shards are moved onto it (<c>citus_rebalance_start</c>) while the store ingests
/// and its tenants query: nothing is lost or doubled, every tenant's answer meanwhile is the one it gave before, and each
/// still sees only its own workspace. A cluster of its own, since it grows. The moves are Citus's default, online ones: each
/// shard is copied by logical replication while writes to it go on, which Citus refuses unless every distributed table
/// has a replica identity.
/// </summary>
public sealed class RebalanceTests
{
    private const int Workspaces = 8;

    /// <summary>What a tenant sees of its sessions: how many, and of which users, in one value.</summary>
    private const string TenantSessions = "SELECT count(*) || ' ' || md5(string_agg(session_id, ',' ORDER BY session_id)) AS seen FROM sessions";

    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shards_moved_online_onto_a_new_worker_during_ingest_and_queries_lose_nothing_change_no_answer_and_keep_tenants_apart()
    {
        await using var cluster = new CitusCluster();
        await cluster.InitializeAsync();
        await using var database = await OwnedDatabase.CreateAsync(cluster, Ct);
        await using var db = await PostgresTestStore.OpenAsync(cluster, database.Name, database.ConnectionString, new(), null);

        // Workspace w has w + 1 users, so each one's answers differ from every other's.
        var users = Enumerable.Range(0, Workspaces)
            .Select(w => Enumerable.Range(0, w + 1).Select(u => new EventLines(workspace: $"ws{w}", phone: $"57300{w:D2}{u:D5}")).ToList()).ToList();
        await db.IngestAsync(users.SelectMany(ws => ws).SelectMany(user => new[] { user.Inbound("13:00:00", "hola"), user.Outbound("13:00:05") }));
        await db.RefreshAsync("18:00:00");
        var seen = new Dictionary<string, string>();
        for (var w = 0; w < Workspaces; w++)
        {
            seen[$"ws{w}"] = await SeenAsync(db, $"ws{w}");
        }

        Assert.Equal(Workspaces, seen.Values.Distinct().Count());

        // Writers and readers go on until the move is done; every read must give the answer it gave before.
        using var moved = new CancellationTokenSource();
        var ingested = Task.Run(async () =>
        {
            var batches = 0;
            for (; !moved.IsCancellationRequested || batches < 3; batches++)
            {
                await db.IngestAsync(users.SelectMany(ws => ws).Select(user => user.Inbound("15:00:00", $"batch {batches}")));
            }

            return batches;
        }, Ct);
        var read = Task.Run(async () =>
        {
            var reads = 0;
            for (; !moved.IsCancellationRequested || reads < Workspaces; reads++)
            {
                var workspace = $"ws{reads % Workspaces}";
                Assert.Equal(seen[workspace], await SeenAsync(db, workspace));
            }

            return reads;
        }, Ct);

        PostgresServer joined;
        try
        {
            joined = await cluster.AddWorkerAsync(Ct);
            await cluster.AddToDatabaseAsync(joined, database.Name, database.Owner, Ct);
            await RebalanceAsync(cluster, database);
        }
        finally
        {
            await moved.CancelAsync();
        }

        var batches = await ingested;
        Assert.True(await read >= Workspaces);

        await using var source = NpgsqlDataSource.Create(database.SuperuserConnectionString);
        Assert.Equal("finished", (await RowsAsync(source, "SELECT state::text FROM pg_dist_background_job")).Single());
        Assert.NotEqual(0, await ScalarAsync(source, $"SELECT count(*) FROM pg_dist_shard_placement WHERE nodeport = {joined.Port}"));
        var events = users.Sum(ws => ws.Count) * (2 + batches);
        Assert.Equal(events, await ScalarAsync(source, "SELECT count(*) FROM analytics.events"));
        Assert.Equal(events, await ScalarAsync(source, "SELECT count(DISTINCT (workspace_id, event_id)) FROM analytics.events"));

        // Each tenant, its shards moved or not, sees the sessions of the events it had before and of those stored during the
        // move, as the superuser reads its workspace's rows, and no one else's.
        for (var w = 0; w < Workspaces; w++)
        {
            Assert.Equal(seen[$"ws{w}"], await SeenAsync(db, $"ws{w}"));
        }

        await db.RefreshAsync("18:00:00");
        for (var w = 0; w < Workspaces; w++)
        {
            var asOwner = TenantSessions.Replace("FROM sessions", $"FROM analytics.sessions WHERE workspace_id = 'ws{w}'", StringComparison.Ordinal);
            var own = await RowsAsync(source, asOwner);
            Assert.StartsWith($"{2 * (w + 1)} ", own.Single(), StringComparison.Ordinal);
            Assert.Equal(own.Single(), await SeenAsync(db, $"ws{w}"));
        }
    }

    /// <summary>
    /// Starts Citus's background rebalance as a DBA would and waits for it. Its jobs connect to the coordinator as the role
    /// that started them, so that role's password is in pg_dist_authinfo (the workers here trust loopback).
    /// </summary>
    private static async Task RebalanceAsync(CitusCluster cluster, OwnedDatabase database)
    {
        var password = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password;
        await database.ExecuteAsSuperuserAsync(
            $"INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo) VALUES (0, current_user, 'password={password}')", Ct);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(s_patience);
        await using var connection = new NpgsqlConnection(database.SuperuserConnectionString);
        await connection.OpenAsync(patience.Token);
        // Two commands: the job must commit before anything waits for it.
        foreach (var sql in new[] { "SELECT citus_rebalance_start()", "SELECT citus_rebalance_wait()" })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(patience.Token);
        }
    }

    private static async Task<string> SeenAsync(StoreUnderTest db, string workspace) =>
        (string)(await db.RowsAsync(TenantSessions, workspace)).Single()["seen"]!;

    private static async Task<List<string>> RowsAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
