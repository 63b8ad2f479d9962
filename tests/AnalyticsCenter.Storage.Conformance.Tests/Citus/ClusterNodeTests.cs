using System.Diagnostics;
using AnalyticsCenter.TestKit.Citus;
using Npgsql;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>The harness's cluster stops and starts single workers, as the fault tests need; a cluster of its own, so no other test sees it.</summary>
public sealed class ClusterNodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_stopped_at_once_fails_queries_within_seconds_and_serves_them_again_once_started()
    {
        await using var cluster = new CitusCluster();
        await cluster.InitializeAsync();
        var database = await cluster.CreateDatabaseAsync(cancellationToken: Ct);
        await using var source = NpgsqlDataSource.Create(cluster.ConnectionTo(database));
        await ExecuteAsync(source, "CREATE TABLE t (k text PRIMARY KEY); SELECT create_distributed_table('t', 'k')");
        await ExecuteAsync(source, "INSERT INTO t SELECT 'k' || i FROM generate_series(1, 100) AS i");

        await cluster.Workers[0].StopAsync(immediate: true);
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => CountAsync(source));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the query failed after {clock.Elapsed}");

        await cluster.Workers[0].StartAsync();
        Assert.Equal(100, await CountAsync(source));
    }

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource source)
    {
        await using var command = source.CreateCommand("SELECT count(*) FROM t");
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
