using AnalyticsCenter.TestKit.Citus;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>A store opened on a Citus coordinator lays its tables out by workspace, over every worker of the cluster.</summary>
public sealed class CitusLayoutTests(CitusStores stores, CitusCluster cluster) : IClassFixture<CitusStores>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task What_grows_with_events_is_distributed_by_workspace_in_one_colocation_group_and_the_settings_are_reference_tables()
    {
        await using var db = (PostgresTestStore)await stores.CreateAsync();
        var tables = await ReadAsync(db,
            """
            SELECT logicalrelid::regclass::text, partmethod, coalesce(column_to_column_name(logicalrelid, partkey), ''), colocationid
            FROM pg_dist_partition WHERE logicalrelid::regclass::text LIKE 'analytics.%'
            """);

        var distributed = tables.Where(t => t.Method == "h").ToList();
        Assert.Equal(
            ["analytics.audit_log", "analytics.data_versions", "analytics.deployments", "analytics.events", "analytics.purge_cuts", "analytics.refresh_batches",
             "analytics.refresh_dirty", "analytics.refresh_state", "analytics.sessions", "analytics.timelines",
             "analytics.upload_rows", "analytics.whatsapp_statuses"],
            distributed.Select(t => t.Table).Order(StringComparer.Ordinal));
        Assert.All(distributed, t => Assert.Equal("workspace_id", t.Column));
        Assert.Single(distributed.Select(t => t.Colocation).Distinct());
        Assert.Equal(
            ["analytics.api_keys", "analytics.line_link_codes", "analytics.lines", "analytics.saved_queries", "analytics.tenant_roles",
             "analytics.workspaces"],
            tables.Where(t => t.Method == "n").Select(t => t.Table).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Subscriptions_and_alerts_with_their_deliveries_and_transitions_stay_plain_tables_on_the_coordinator()
    {
        await using var db = (PostgresTestStore)await stores.CreateAsync();
        var kept = await ReadAsync(db,
            """
            SELECT c.oid::regclass::text, coalesce(p.partmethod, '-'), '', 0
            FROM pg_class c LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
            WHERE c.oid::regclass::text IN ('analytics.subscriptions', 'analytics.deliveries', 'analytics.alerts', 'analytics.alert_history')
            """);

        Assert.Equal(
            [("analytics.alert_history", "-"), ("analytics.alerts", "-"), ("analytics.deliveries", "-"), ("analytics.subscriptions", "-")],
            kept.Select(t => (t.Table, t.Method)).Order());
    }

    [Fact]
    public async Task The_shards_of_the_events_are_spread_over_every_worker()
    {
        await using var db = (PostgresTestStore)await stores.CreateAsync();
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT nodeport, count(*) FROM citus_shards WHERE table_name = 'analytics.events'::regclass GROUP BY nodeport", connection);
        var perWorker = new Dictionary<int, long>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                perWorker[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        Assert.Equal(cluster.Workers.Select(w => w.Port).Order(), perWorker.Keys.Order());
        Assert.Equal(32, perWorker.Values.Sum());
    }

    private static async Task<List<(string Table, string Method, string Column, int Colocation)>> ReadAsync(PostgresTestStore db, string sql)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(string, string, string, int)>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((reader.GetString(0), reader.GetChar(1).ToString(), reader.GetString(2), reader.GetInt32(3)));
        }

        return rows;
    }
}
