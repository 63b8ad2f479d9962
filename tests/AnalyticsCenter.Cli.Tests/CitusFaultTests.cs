using System.Globalization;
using AnalyticsCenter.TestKit.Citus;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// The real program on a Citus cluster of its own, a worker stopped at once (as a crash would) under it: ingest from the
/// command line and over HTTP fails cleanly and stores nothing half; once the worker is back, running the same work again
/// gives exactly what a run without the fault gives, every acknowledged event once.
/// </summary>
public sealed class CitusFaultTests : IAsyncLifetime
{
    /// <summary>
    /// A cluster of its own, since its workers stop; each commit is flushed before it is answered (the harness turns that
    /// off for speed), so what an immediate shutdown loses was never acknowledged.
    /// </summary>
    private readonly CitusCluster _cluster = new() { Settings = ["synchronous_commit = on"] };

    private readonly TempFolder _folder = new("ac-citus-faults-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_ingest_whose_worker_stops_midway_exits_1_naming_the_worker_and_running_it_again_stores_every_event_once()
    {
        var events = SharedDatabase.WriteRecentDemoEvents(_folder.Path, 100_000);
        await using var control = await OwnedDatabase.CreateAsync(_cluster, Ct);
        await using var faulty = await OwnedDatabase.CreateAsync(_cluster, Ct);
        Assert.Equal(0, Analytics.Run(_folder.Path, "ingest", events, "--db", control.Url()).ExitCode);
        Assert.Equal(0, Analytics.Run(_folder.Path, "status", "--db", faulty.Url()).ExitCode);
        var worker = await WorkerHoldingAsync(faulty, "acme");

        using (var ingest = Analytics.Start(_folder.Path, null, "ingest", events, "--db", faulty.Url()))
        {
            var error = ingest.StandardError.ReadToEndAsync(Ct);
            var output = ingest.StandardOutput.ReadToEndAsync(Ct);
            await SharedDatabase.UntilAsync(async () => await CountAsync(faulty, "SELECT count(*) FROM analytics.events") > 0,
                TimeSpan.FromMinutes(3), "the ingest to commit its first events");
            Assert.False(ingest.HasExited, "the ingest finished before its worker could be stopped");
            await worker.StopAsync(immediate: true);
            await ingest.WaitForExitAsync(Ct);

            Assert.Equal(1, ingest.ExitCode);
            var said = await error;
            Assert.Contains($"127.0.0.1:{worker.Port}", said, StringComparison.Ordinal);
            Assert.Contains("run the same command again", said, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", said + await output, StringComparison.Ordinal);
        }

        await worker.StartAsync();
        Assert.Equal(0, Analytics.Run(_folder.Path, "ingest", events, "--db", faulty.Url()).ExitCode);
        const string Stored = "SELECT count(*) FROM analytics.events";
        Assert.Equal(await CountAsync(control, Stored), await CountAsync(faulty, Stored));
        Assert.Equal(await CountAsync(faulty, Stored), await CountAsync(faulty, "SELECT count(DISTINCT (workspace_id, event_id)) FROM analytics.events"));

        foreach (var database in new[] { control, faulty })
        {
            Assert.Equal(0, Analytics.Run(_folder.Path, "refresh", "--db", database.Url()).ExitCode);
        }

        Assert.Equal(await control.TablesFingerprintAsync(), await faulty.TablesFingerprintAsync());
    }

    [Fact]
    public async Task Served_ingest_answers_503_with_retry_after_while_its_worker_is_down_and_every_acknowledged_batch_is_stored_once()
    {
        const int Size = 500;
        var batches = ServedStore.Batches(60, Size);
        await using var control = await OwnedDatabase.CreateAsync(_cluster, Ct);
        await using var database = await OwnedDatabase.CreateAsync(_cluster, Ct);
        using var served = new ServedStore(_folder.Path, database.Url());
        var worker = await WorkerHoldingAsync(database, ServedStore.Workspace);
        await served.StartAsync();

        Task? stopping = null;
        var outcomes = await served.SendAsync(batches, clients: 4, afterAck: acked =>
        {
            if (acked == 10)
            {
                stopping = worker.StopAsync(immediate: true);
            }
        });
        await stopping!;

        var acknowledged = Enumerable.Range(0, batches.Count).Where(b => outcomes[b].Acknowledged).ToHashSet();
        Assert.InRange(acknowledged.Count, 10, batches.Count - 1);
        Assert.All(outcomes.Where(o => !o.Acknowledged), o => Assert.Equal((503, true), (o.Status, o.RetryAfter is not null)));

        // Back again, the client sends what it was not told was stored.
        await worker.StartAsync();
        var storedPerBatch = (await StoredEventIdsAsync(database)).GroupBy(ServedStore.BatchOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(acknowledged, b => Assert.Equal(Size, storedPerBatch.GetValueOrDefault(b)));
        Assert.All(storedPerBatch.Values, count => Assert.Equal(Size, count));
        var unacknowledged = Enumerable.Range(0, batches.Count).Where(b => !outcomes[b].Acknowledged).ToList();
        var retried = await served.SendAsync(unacknowledged.Select(b => batches[b]).ToList(), clients: 4);
        Assert.All(retried, o => Assert.Equal(200, o.Status));
        Assert.Equal(0, await served.TerminateAsync());

        var stored = await StoredEventIdsAsync(database);
        Assert.Equal(batches.Count * Size, stored.Count);
        Assert.Equal(stored.Count, stored.Distinct().Count());

        var all = Path.Combine(_folder.Path, "all.ndjson");
        await File.WriteAllTextAsync(all, string.Concat(batches), Ct);
        Assert.Equal(0, Analytics.Run(_folder.Path, "ingest", all, "--db", control.Url()).ExitCode);
        foreach (var store in new[] { control, database })
        {
            Assert.Equal(0, Analytics.Run(_folder.Path, "refresh", "--as-of", "2026-11-20T23:00:00Z", "--db", store.Url()).ExitCode);
        }

        Assert.Equal(await control.TablesFingerprintAsync(), await database.TablesFingerprintAsync());
    }

    /// <summary>The worker that holds <paramref name="workspace"/>'s shards (co-located, so one worker has all its tables).</summary>
    private async Task<PostgresServer> WorkerHoldingAsync(OwnedDatabase database, string workspace)
    {
        var port = int.Parse((await database.RowsAsync(
            "SELECT nodeport FROM pg_dist_shard_placement WHERE shardid = get_shard_id_for_distribution_column('analytics.events', @ws)",
            ("ws", workspace))).Single(), CultureInfo.InvariantCulture);
        return _cluster.Workers.Single(worker => worker.Port == port);
    }

    private static async Task<long> CountAsync(OwnedDatabase database, string sql) =>
        long.Parse((await database.RowsAsync(sql)).Single(), CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<string>> StoredEventIdsAsync(OwnedDatabase database) =>
        await database.RowsAsync("SELECT event_id FROM analytics.events");

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _folder.Dispose();
    }
}
