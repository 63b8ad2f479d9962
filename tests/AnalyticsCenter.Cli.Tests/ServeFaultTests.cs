using System.Diagnostics;
using AnalyticsCenter.Demo;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// <c>analytics serve</c> stopped while clients send: by SIGTERM it finishes what it took and exits 0; by SIGKILL, in
/// the middle of heavy ingestion or of a refresh, it loses no acknowledged event, half-stores no request, and the
/// next refresh makes whole tables. Everything runs on 127.0.0.1, bounded in batches and time.
/// </summary>
public sealed class ServeFaultTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-faults-").FullName;

    [Fact]
    public async Task On_sigterm_serve_finishes_the_requests_it_took_stores_exactly_the_acknowledged_ones_and_exits_0()
    {
        var batches = ServedStore.Batches(60, 500);
        using var served = new ServedStore(_folder);
        await served.StartAsync();

        Task<int>? stopped = null;
        var outcomes = await served.SendAsync(batches, clients: 6, afterAck: acked =>
        {
            if (acked == 10)
            {
                stopped = served.TerminateAsync();
            }
        });

        Assert.NotNull(stopped);
        Assert.Equal(0, await stopped);
        var acknowledged = Enumerable.Range(0, batches.Count).Where(b => outcomes[b].Acknowledged).ToHashSet();
        Assert.InRange(acknowledged.Count, 10, batches.Count - 1);
        Assert.All(acknowledged, b => Assert.Equal(500, outcomes[b].Accepted));
        Assert.All(outcomes.Where(o => !o.Acknowledged), o => Assert.True(o.Status is 0 or 503, $"status {o.Status}"));

        var stored = served.StoredEventIds();
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Equal(acknowledged.Count * 500, stored.Count);
        Assert.Equal(acknowledged.Order(), stored.Select(ServedStore.BatchOf).Distinct().Order());
    }

    [Fact]
    public async Task Killed_during_heavy_ingestion_serve_keeps_every_acknowledged_batch_once_and_no_half_batch_and_retries_complete_the_tables()
    {
        const int Size = 1_000;
        var batches = ServedStore.Batches(80, Size);
        using var served = new ServedStore(_folder);
        await served.StartAsync();

        var killing = 0;
        var outcomes = await served.SendAsync(batches, clients: 6, afterAck: acked =>
        {
            if (acked == 20 && Interlocked.Exchange(ref killing, 1) == 0)
            {
                served.Server.Kill(entireProcessTree: true);
            }
        });
        await served.KillAsync();

        var stored = served.StoredEventIds();
        Assert.Equal(stored.Count, stored.Distinct().Count());
        var storedPerBatch = stored.GroupBy(ServedStore.BatchOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(storedPerBatch.Values, count => Assert.Equal(Size, count));
        var acknowledged = Enumerable.Range(0, batches.Count).Where(b => outcomes[b].Acknowledged).ToList();
        Assert.True(acknowledged.Count >= 20 && acknowledged.Count < batches.Count, $"{acknowledged.Count} batches acknowledged");
        Assert.All(acknowledged, b => Assert.True(storedPerBatch.ContainsKey(b), $"acknowledged batch {b} was lost"));

        // A client retries what it was not told was stored: a batch committed just before the kill comes back as duplicates.
        await served.StartAsync();
        var unacknowledged = Enumerable.Range(0, batches.Count).Where(b => !outcomes[b].Acknowledged).ToList();
        var retried = await served.SendAsync(unacknowledged.Select(b => batches[b]).ToList(), clients: 4);
        for (var i = 0; i < unacknowledged.Count; i++)
        {
            var wasStored = storedPerBatch.ContainsKey(unacknowledged[i]);
            Assert.Equal((200, wasStored ? 0 : Size, wasStored ? Size : 0), (retried[i].Status, (int)retried[i].Accepted, (int)retried[i].Duplicates));
        }

        Assert.Equal(0, await served.TerminateAsync());
        Assert.Equal(batches.Count * Size, served.StoredEventIds().Distinct().Count());
        Assert.Equal(batches.Count * Size, served.StoredEventIds().Count);

        var control = Path.Combine(_folder, "control.duckdb");
        var all = Path.Combine(_folder, "all.ndjson");
        File.WriteAllText(all, string.Concat(batches));
        Assert.Equal(0, Analytics.Run(_folder, "ingest", all, "--db", control).ExitCode);
        Assert.Equal(RefreshedFingerprint(control), RefreshedFingerprint(served.Database));
    }

    [Fact]
    public async Task Killed_during_a_refresh_serve_leaves_the_previous_tables_and_the_next_refresh_completes_them()
    {
        var events = Path.Combine(_folder, "events.ndjson");
        using (var file = File.Create(events))
        {
            new DemoEventGenerator(new DemoOptions { Events = 400_000, End = DateTimeOffset.UtcNow, Seed = 5 }).Write(file);
        }

        using var served = new ServedStore(_folder);
        Assert.Equal(0, Analytics.Run(_folder, "ingest", events, "--db", served.Database).ExitCode);
        var earlier = DateTimeOffset.UtcNow.AddDays(-12).ToString("yyyy-MM-ddTHH:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", earlier, "--db", served.Database).ExitCode);
        var before = TablesFingerprint.Of(_folder, served.Database);
        var saved = Path.Combine(_folder, "saved.duckdb");
        File.Copy(served.Database, saved);

        // How long the refresh takes here, on a copy.
        var probe = Path.Combine(_folder, "probe.duckdb");
        File.Copy(saved, probe);
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--db", probe).ExitCode);
        var refreshTime = watch.Elapsed;

        var killed = false;
        foreach (var fraction in new[] { 0.6, 0.4, 0.25, 0.15 })
        {
            File.Copy(saved, served.Database, overwrite: true);
            File.Delete(served.Database + ".wal");
            await served.StartAsync();
            using var admin = served.Client();
            var refresh = admin.PostAsync("/api/v1/refresh", null, TestContext.Current.CancellationToken);
            await Task.WhenAny(refresh, Task.Delay(refreshTime * fraction, TestContext.Current.CancellationToken));
            if (refresh.IsCompleted)
            {
                await served.TerminateAsync();
                continue;
            }

            await served.KillAsync();
            if (!AdminWorkspaceStatus(served).Contains(earlier, StringComparison.Ordinal))
            {
                // The refresh had committed and was only answering when the kill landed: it finished first; kill earlier.
                continue;
            }

            killed = true;
            break;
        }

        Assert.True(killed, $"the refresh always finished before it could be killed midway (it takes {refreshTime})");
        Assert.Equal(before, TablesFingerprint.Of(_folder, served.Database));
        Assert.Contains(earlier, AdminWorkspaceStatus(served), StringComparison.Ordinal);
        Assert.Equal(RefreshedFingerprint(saved), RefreshedFingerprint(served.Database));
    }

    /// <summary>
    /// The status of the workspace whose key asks for the refresh: the API refreshes only the caller's workspace, so the
    /// others keep their earlier time whether or not the refresh committed.
    /// </summary>
    private string AdminWorkspaceStatus(ServedStore served) =>
        Analytics.Run(_folder, "status", "--workspace", ServedStore.Workspace, "--db", served.Database).Output;

    /// <summary>The tables after a refresh as of a fixed instant, the same for any store fed the same events.</summary>
    private string RefreshedFingerprint(string store)
    {
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-20T23:00:00Z", "--db", store).ExitCode);
        return TablesFingerprint.Of(_folder, store);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
