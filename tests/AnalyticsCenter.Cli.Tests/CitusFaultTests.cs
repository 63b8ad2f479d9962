using System.Globalization;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Citus;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// The real program on a Citus cluster of its own, a worker stopped at once (as a crash would) under it: ingest from the
/// command line and over HTTP, and a refresh, fail cleanly and store nothing half; once the worker is back, running the same
/// work again gives exactly what a run without the fault gives (a control store on the same cluster), every acknowledged
/// event once. Each fault is placed by the test, not by timing: the command is provably midway when the worker stops.
/// </summary>
public sealed class CitusFaultTests : IAsyncLifetime
{
    /// <summary>
    /// A cluster of its own, since its workers stop. Each commit is flushed before it is answered (the harness turns that off
    /// for speed), so what an immediate shutdown loses was never acknowledged. A transaction over both workers that a stop
    /// cut between its prepare and its commit is finished by the coordinator's recovery soon after the worker is back, rather
    /// than after Citus's default minute, which a rerun meeting its rows would wait for.
    /// </summary>
    private readonly CitusCluster _cluster = new() { Settings = ["synchronous_commit = on", "citus.recover_2pc_interval = '1s'"] };

    private readonly TempFolder _folder = new("ac-citus-faults-");
    private readonly List<OwnedDatabase> _databases = [];

    /// <summary>How long a command may take on a loaded machine before the test gives up on it, rather than hang.</summary>
    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_ingest_whose_worker_stops_midway_exits_1_naming_the_worker_and_running_it_again_stores_every_event_once()
    {
        var lines = await File.ReadAllLinesAsync(SharedDatabase.WriteRecentDemoEvents(_folder.Path, 10_000), Ct);
        var first = Path.Combine(_folder.Path, "first.ndjson");
        await File.WriteAllLinesAsync(first, lines.Take(4_000), Ct);
        var stdin = string.Join('\n', lines.Skip(4_000)) + "\n";
        var control = await DatabaseAsync();
        var faulty = await DatabaseAsync();
        Assert.Equal(0, Analytics.RunWith(_folder.Path, stdin, null, "ingest", first, "-", "--db", control.Url()).ExitCode);
        Assert.Equal(0, Analytics.Run(_folder.Path, "status", "--db", faulty.Url()).ExitCode);
        var worker = await WorkerHoldingAsync(faulty, "acme");

        // The first file commits as one transaction; the second comes on standard input, held back until the worker is down.
        try
        {
            using var ingest = Analytics.Start(_folder.Path, null, "ingest", first, "-", "--db", faulty.Url());
            var error = ingest.StandardError.ReadToEndAsync(Ct);
            var output = ingest.StandardOutput.ReadToEndAsync(Ct);
            await Waiting.UntilAsync(
                async () => ingest.HasExited || await CountAsync(faulty, Stored) > 0, () => "the first file did not commit", s_patience);
            Assert.False(ingest.HasExited, "the ingest ended before its worker stopped");
            await worker.StopAsync(immediate: true);
            await ingest.StandardInput.WriteAsync(stdin);
            ingest.StandardInput.Close();
            await ExitAsync(ingest);

            var said = await error + await output;
            Assert.True(ingest.ExitCode == 1, said);
            Assert.True(said.Contains($"127.0.0.1:{worker.Port}", StringComparison.Ordinal), said);
            Assert.True(said.Contains("run the same command again", StringComparison.Ordinal), said);
            Assert.DoesNotContain("unexpected failure", said, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        }
        finally
        {
            await worker.StartAsync();
        }

        var rerun = Analytics.RunWith(_folder.Path, stdin, null, "ingest", first, "-", "--db", faulty.Url());
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Equal(await CountAsync(control, Stored), await CountAsync(faulty, Stored));
        Assert.Equal(await CountAsync(faulty, Stored), await CountAsync(faulty, "SELECT count(DISTINCT (workspace_id, event_id)) FROM analytics.events"));
        Assert.Equal(await EventsFingerprintAsync(control), await EventsFingerprintAsync(faulty));

        await RefreshAsync(null, control, faulty);
        Assert.NotEmpty(await control.TablesFingerprintAsync());
        Assert.Equal(await control.TablesFingerprintAsync(), await faulty.TablesFingerprintAsync());
    }

    [Fact]
    public async Task Served_ingest_answers_503_with_retry_after_while_its_worker_is_down_and_every_acknowledged_batch_is_stored_once()
    {
        const int Size = 200;
        var batches = ServedStore.Batches(45, Size);
        var control = await DatabaseAsync();
        var database = await DatabaseAsync();
        using var served = new ServedStore(_folder.Path, database.Url());
        var worker = await WorkerHoldingAsync(database, ServedStore.Workspace);
        await served.StartAsync();

        BatchOutcome[] outcomes;
        try
        {
            // The worker stops while batches are in flight; the later ones are all sent while it is down.
            Task? stopping = null;
            var during = await served.SendAsync(batches.Take(30).ToList(), clients: 4, afterAck: acked =>
            {
                if (acked == 5)
                {
                    stopping = worker.StopAsync(immediate: true);
                }
            });
            await stopping!;
            var down = await served.SendAsync(batches.Skip(30).ToList(), clients: 4);
            Assert.All(down, o => Assert.True(o.Acknowledged is false));
            outcomes = [.. during, .. down];
            var unexpected = outcomes.Where(o => !o.Acknowledged && (o.Status, o.RetryAfter is not null) != (503, true)).ToList();
            Assert.True(unexpected.Count == 0, $"answers other than 503 with Retry-After: {string.Join(", ", unexpected.Select(o => o.Status))}; "
                + $"the server's log:\n{string.Join('\n', served.Log)}");
        }
        finally
        {
            await worker.StartAsync();
        }

        var acknowledged = Enumerable.Range(0, batches.Count).Where(b => outcomes[b].Acknowledged).ToList();
        Assert.InRange(acknowledged.Count, 5, 30);
        var storedPerBatch = (await StoredEventIdsAsync(database)).GroupBy(ServedStore.BatchOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(acknowledged, b => Assert.Equal(Size, storedPerBatch.GetValueOrDefault(b)));
        Assert.All(storedPerBatch.Values, count => Assert.Equal(Size, count));

        // Back again, the client sends what it was not told was stored, as told: after Retry-After, until it is.
        var unacknowledged = Enumerable.Range(0, batches.Count).Where(b => !outcomes[b].Acknowledged).ToList();
        await RetryUntilStoredAsync(served, unacknowledged.Select(b => batches[b]).ToList());
        Assert.Equal(0, await served.TerminateAsync());

        var stored = await StoredEventIdsAsync(database);
        Assert.Equal(batches.Count * Size, stored.Count);
        Assert.Equal(stored.Count, stored.Distinct().Count());

        var all = Path.Combine(_folder.Path, "all.ndjson");
        await File.WriteAllTextAsync(all, string.Concat(batches), Ct);
        Assert.Equal(0, Analytics.Run(_folder.Path, "ingest", all, "--db", control.Url()).ExitCode);
        await RefreshAsync("2026-11-20T23:00:00Z", control, database);
        Assert.Equal(await control.TablesFingerprintAsync(), await database.TablesFingerprintAsync());
    }

    [Fact]
    public async Task A_refresh_whose_worker_stops_fails_naming_it_leaves_each_workspace_s_previous_tables_whole_and_a_rerun_gives_the_control_s()
    {
        var events = SharedDatabase.WriteRecentDemoEvents(_folder.Path, 6_000);
        var (before, asOf) = (DateTime.UtcNow.AddDays(-2).ToString("O"), DateTime.UtcNow.ToString("O"));
        var control = await DatabaseAsync();
        var faulty = await DatabaseAsync();
        foreach (var database in new[] { control, faulty })
        {
            Assert.Equal(0, Analytics.Run(_folder.Path, "ingest", events, "--db", database.Url()).ExitCode);
        }

        await RefreshAsync(before, control, faulty);
        var previous = await control.TablesFingerprintAsync();
        Assert.Equal(previous, await faulty.TablesFingerprintAsync());
        await RefreshAsync(asOf, control);
        var refreshed = await control.TablesFingerprintAsync();
        Assert.Equal(3, refreshed.Count);
        Assert.All(refreshed, row => Assert.DoesNotContain(row, previous));

        // The test holds acme's refresh lock (the store's Refresh/Lock.sql key), so the refresh does the other workspaces
        // and then waits on acme, inside acme's transaction, when acme's worker stops.
        var worker = await WorkerHoldingAsync(faulty, "acme");
        try
        {
            await using var holder = new Npgsql.NpgsqlConnection(faulty.ConnectionString);
            await holder.OpenAsync(Ct);
            await using var hold = await holder.BeginTransactionAsync(Ct);
            await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('analytics.refresh acme', 0))", holder, hold))
            {
                await take.ExecuteNonQueryAsync(Ct);
            }

            using var refresh = Analytics.Start(_folder.Path, null, "refresh", "--as-of", asOf, "--db", faulty.Url());
            var error = refresh.StandardError.ReadToEndAsync(Ct);
            var output = refresh.StandardOutput.ReadToEndAsync(Ct);
            await Waiting.UntilAsync(async () => refresh.HasExited || await CountAsync(faulty,
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())") > 0, () => "the refresh did not wait for acme", s_patience);
            Assert.False(refresh.HasExited, "the refresh ended without waiting for acme");
            await worker.StopAsync(immediate: true);
            await hold.RollbackAsync(Ct);
            await ExitAsync(refresh);

            var said = await error + await output;
            Assert.True(refresh.ExitCode == 1, said);
            Assert.True(said.Contains($"127.0.0.1:{worker.Port}", StringComparison.Ordinal), said);
            Assert.DoesNotContain("unexpected failure", said, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        }
        finally
        {
            await worker.StartAsync();
        }

        // Each workspace is whole: its tables as of before, or (done before the stop) as of the refresh; acme's as before.
        var after = await faulty.TablesFingerprintAsync();
        Assert.Equal(3, after.Count);
        Assert.All(after, row => Assert.True(previous.Contains(row) || refreshed.Contains(row), row));
        Assert.Contains(after, row => row.StartsWith("acme|", StringComparison.Ordinal) && previous.Contains(row));

        await RefreshAsync(asOf, faulty);
        Assert.Equal(refreshed, await faulty.TablesFingerprintAsync());
    }

    /// <summary>Each workspace's stored events, as one count and checksum of what they hold (not when they arrived).</summary>
    private const string EventsFingerprint =
        "SELECT workspace_id, count(*), md5(string_agg(concat_ws('|', event_id, type, occurred_at, deployment_id, status, details), ',' "
        + "ORDER BY event_id)) FROM analytics.events GROUP BY workspace_id ORDER BY workspace_id";

    private const string Stored = "SELECT count(*) FROM analytics.events";

    /// <summary>A database on the cluster, dropped at the end, after every worker is back.</summary>
    private async Task<OwnedDatabase> DatabaseAsync()
    {
        var database = await OwnedDatabase.CreateAsync(_cluster, Ct);
        _databases.Add(database);
        return database;
    }

    /// <summary>The worker that holds <paramref name="workspace"/>'s shards (co-located, so one worker has all its tables).</summary>
    private async Task<PostgresServer> WorkerHoldingAsync(OwnedDatabase database, string workspace)
    {
        var port = int.Parse((await database.RowsAsync(
            "SELECT nodeport FROM pg_dist_shard_placement WHERE shardid = get_shard_id_for_distribution_column('analytics.events', @ws)",
            ("ws", workspace))).Single(), CultureInfo.InvariantCulture);
        return _cluster.Workers.Single(worker => worker.Port == port);
    }

    private async Task RefreshAsync(string? asOf, params OwnedDatabase[] databases)
    {
        foreach (var database in databases)
        {
            var run = Analytics.Run(_folder.Path, ["refresh", .. asOf is null ? [] : new[] { "--as-of", asOf }, "--db", database.Url()]);
            Assert.True(run.ExitCode == 0, run.Error);
        }
    }

    /// <summary>Sends each batch, again after its Retry-After while it is refused, until every one is acknowledged.</summary>
    private static async Task RetryUntilStoredAsync(ServedStore served, IReadOnlyList<string> batches)
    {
        var left = batches;
        for (var attempt = 1; left.Count > 0; attempt++)
        {
            var outcomes = await served.SendAsync(left, clients: 4);
            Assert.All(outcomes, o => Assert.True(o.Acknowledged || (o.Status, o.RetryAfter is not null) == (503, true), $"answered {o.Status}"));
            left = [.. left.Where((_, i) => !outcomes[i].Acknowledged)];
            Assert.True(left.Count == 0 || attempt < 5, $"{left.Count} batches still refused after {attempt} tries");
            if (left.Count > 0)
            {
                await Task.Delay(outcomes.First(o => !o.Acknowledged).RetryAfter!.Delta!.Value, Ct);
            }
        }
    }

    /// <summary>Waits for <paramref name="process"/> to end; one still running after the patience is killed and fails the test.</summary>
    private static async Task ExitAsync(System.Diagnostics.Process process)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(s_patience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the command did not end within {s_patience.TotalMinutes} minutes of its worker stopping");
        }
    }

    private static async Task<long> CountAsync(OwnedDatabase database, string sql) =>
        long.Parse((await database.RowsAsync(sql)).Single(), CultureInfo.InvariantCulture);

    private static Task<IReadOnlyList<string>> EventsFingerprintAsync(OwnedDatabase database) => database.RowsAsync(EventsFingerprint);

    private static async Task<IReadOnlyList<string>> StoredEventIdsAsync(OwnedDatabase database) =>
        await database.RowsAsync("SELECT event_id FROM analytics.events");

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    /// <summary>
    /// Every worker is started again before the databases go (a database whose worker is down cannot be dropped cleanly);
    /// a failure here is reported beside the test's own, never instead of it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var worker in _cluster.Workers)
            {
                await worker.StartAsync();
            }

            foreach (var database in _databases)
            {
                await database.DisposeAsync();
            }
        }
        finally
        {
            await _cluster.DisposeAsync();
            _folder.Dispose();
        }
    }
}
