using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// The attack list on a Citus cluster, where a tenant's query runs on the workers as its own role; and the workers
/// themselves, which a tenant role can log in to (a BI tool pointed at a worker): another workspace's shard rows stay hidden.
/// </summary>
public sealed class TenantIsolationOnCitus : TenantIsolationTests, IClassFixture<CitusTenantStore>
{
    private readonly CitusTenantStore _store;

    public TenantIsolationOnCitus(CitusTenantStore store)
        : base(store) => _store = store;

    [Theory]
    [InlineData("analytics.sessions", 2)]
    [InlineData("analytics.deployments", 1)]
    public async Task A_tenant_role_logged_in_to_a_worker_reads_none_of_another_workspace_rows_in_its_shard(string table, long globexRows)
    {
        var (shard, worker) = await ShardAsync(table, "globex");
        Assert.Equal(globexRows, await Sql.ScalarAsync<long>(worker.ConnectionTo(_store.Database.Name), $"SELECT count(*) FROM {shard}"));

        await using var acme = await Sql.OpenAsync(OnWorker(await _store.TenantConnectionStringAsync(TenantStore.Acme), worker.Port));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(acme, $"SELECT count(*) FROM {shard} WHERE workspace_id = 'globex'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(acme, $"SELECT count(*) FROM {shard} WHERE workspace_id <> 'acme'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(acme, $"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task A_tenant_role_logged_in_to_a_worker_cannot_read_the_registry_of_roles()
    {
        var (shard, worker) = await ShardAsync("analytics.tenant_roles", null);
        await using var acme = await Sql.OpenAsync(OnWorker(await _store.TenantConnectionStringAsync(TenantStore.Acme), worker.Port));

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<string>(acme, $"SELECT string_agg(password, ',') FROM {shard}"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    /// <summary>The shard holding <paramref name="workspace"/>'s rows of <paramref name="table"/> (any for a reference table), and a worker with it.</summary>
    private async Task<(string Shard, TestKit.Postgres.PostgresServer Worker)> ShardAsync(string table, string? workspace)
    {
        await using var coordinator = await Sql.OpenAsync(_store.Database.SuperuserConnectionString);
        await using var command = new NpgsqlCommand(
            """
            SELECT shard_name(@table::regclass, s.shardid), n.nodeport
            FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid) JOIN pg_dist_node n USING (groupid)
            WHERE s.logicalrelid = @table::regclass
              AND (@workspace::text IS NULL OR s.shardid = get_shard_id_for_distribution_column(@table::regclass, @workspace::text))
            ORDER BY n.nodeport LIMIT 1
            """, coordinator);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("workspace", (object?)workspace ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        var port = reader.GetInt32(1);
        return (reader.GetString(0), _store.Cluster.Workers.Single(w => w.Port == port));
    }

    private static string OnWorker(string connectionString, int port) => new NpgsqlConnectionStringBuilder(connectionString) { Port = port }.ConnectionString;
}
