using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using AnalyticsCenter.Cli.Load;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.Storage.DuckDb;
using AnalyticsCenter.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics bench fresh</c>: how fresh a served store stays. A store of N generated events is built (ingest and full
/// refresh), then served on 127.0.0.1 with <c>--refresh-every 1m</c> on a clock the benchmark steps a minute at a time:
/// each minute's generated events go in over HTTP from concurrent clients while the scheduled refresh of the minute
/// before runs, as in a running server. Prints the incremental refreshes' p50 and p99.
/// </summary>
internal static class FreshBenchCommand
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    public static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Events in the store before serving", DefaultValueFactory = _ => 5_000_000 };
        var minutes = new Option<int>("--minutes") { Description = "Minutes of live traffic, one scheduled refresh each", DefaultValueFactory = _ => 20 };
        var perMinute = new Option<int>("--per-minute") { Description = "Live events a minute, over HTTP", DefaultValueFactory = _ => 1_000 };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients", DefaultValueFactory = _ => 4 };
        var directory = BenchFolder.DirectoryOption(
            "Where the files and the store go (default: a temporary folder, removed afterwards); a store built there before is reused");
        var seed = GeneratedEvents.SeedOption();
        var command = new Command("fresh",
            "Benchmark freshness: a served store of N events refreshed every minute while HTTP ingest goes on; prints the refreshes' p50 and p99")
        {
            events, minutes, perMinute, clients, directory, seed,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var count = parse.GetValue(events);
            var liveMinutes = parse.GetValue(minutes);
            var rate = parse.GetValue(perMinute);
            var clientCount = parse.GetValue(clients);
            if (count is < 1 or > 1_000_000_000 || liveMinutes is < 2 or > 1_440 || rate is < 1 or > 1_000_000 || clientCount is < 1 or > 64)
            {
                throw new UsageException("--events must be 1 to 1,000,000,000, --minutes 2 to 1,440, --per-minute 1 to 1,000,000 and --clients 1 to 64");
            }

            if (CliOptions.Target(parse).ConnectionString is not null)
            {
                throw new UsageException("bench fresh measures a DuckDB store file; it takes no PostgreSQL --db");
            }

            return await BenchFolder.RunAsync(parse.GetValue(directory), "analytics-fresh-", async folder =>
            {
                var start = GeneratedEvents.BenchEnd;
                var seedValue = parse.GetValue(seed);
                var built = await BuildAsync(folder, count, seedValue, ct);
                var live = Path.Combine(folder, "fresh-live.ndjson");
                await GeneratedEvents.WriteFileAsync(live, new DemoOptions
                {
                    Seed = seedValue + 1,
                    Events = (long)rate * liveMinutes,
                    End = start + (s_minute * liveMinutes),
                    Period = s_minute * liveMinutes,
                });
                // The generator numbers some workspaces' events and deployments from 1 in every file: the live ones are made
                // new, or they would be the store's duplicates, or statuses of its old deployments.
                var renamed = Path.Combine(folder, "fresh-live-renamed.ndjson");
                File.WriteAllLines(renamed, File.ReadLines(live).Select(line => line
                    .Replace("\"event_id\":\"", "\"event_id\":\"live-", StringComparison.Ordinal)
                    .Replace("\"deployment_id\":\"", "\"deployment_id\":\"live-", StringComparison.Ordinal)));
                var byMinute = IngestBatches.ReadByMinute(renamed, 500, start).Take(liveMinutes).ToList();

                var database = Path.Combine(folder, "fresh.duckdb");
                GeneratedEvents.DeleteStore(database);
                File.Copy(built, database);
                return await ServeAndMeasureAsync(database, byMinute, start, clientCount, ct);
            });
        }));
        return command;
    }

    /// <summary>The store of <paramref name="count"/> events refreshed as of the bench's end, built once a folder.</summary>
    private static async Task<string> BuildAsync(string folder, long count, int seed, CancellationToken ct)
    {
        var database = Path.Combine(folder, $"fresh-base-{count}-{seed}.duckdb");
        if (File.Exists(database) && !File.Exists(database + ".wal"))
        {
            Console.WriteLine($"store:    reusing {database}");
            return database;
        }

        GeneratedEvents.DeleteStore(database);
        var eventsFile = Path.Combine(folder, "fresh-base.ndjson");
        await GeneratedEvents.WriteFileAsync(eventsFile, new DemoOptions { Seed = seed, Events = count, End = GeneratedEvents.BenchEnd });
        var started = CpuStopwatch.StartNew();
        using (var store = await StoreFactory.OpenAsync(StoreTarget.File(database), new StoreOpenOptions(), TimeProvider.System, ct))
        {
            var ingest = await IngestCommand.IngestFileAsync(store, eventsFile, ct);
            await RefreshCommand.RefreshAsync(store, GeneratedEvents.BenchEnd.UtcDateTime, ct);
            Console.WriteLine($"store:    {ingest.Accepted:N0} events ingested and refreshed in {started.Elapsed}");
        }

        File.Delete(eventsFile);
        return database;
    }

    private static async Task<int> ServeAndMeasureAsync(
        string database, List<IngestBatches> byMinute, DateTimeOffset start, int clients, CancellationToken ct)
    {
        var clock = new SteppedClock(start);
        var refreshes = Channel.CreateUnbounded<(double Seconds, bool Ok)>();
        using var listener = RefreshListener(refreshes.Writer);
        using var store = await StoreFactory.OpenAsync(StoreTarget.File(database), new StoreOpenOptions(), clock, ct);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var workspace in byMinute.SelectMany(m => m.Workspaces).Distinct())
        {
            keys[workspace] = (await store.CreateKeyAsync(WorkspaceId.Parse(workspace), "fresh benchmark", KeyScope.Ingest, ct)).Key;
        }

        var url = new Uri($"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}");
        var settings = new WebHostSettings
        {
            RefreshEvery = RefreshSchedule.Every(s_minute),
            LogRequests = false,
            RequestsPerMinutePerKey = 1_000_000,
        };
        await using var app = AnalyticsWebApp.Create(store, settings, builder =>
        {
            builder.WebHost.UseUrls(url.ToString());
            builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        }, clock);
        await app.StartAsync(ct);

        var cpu = CpuStopwatch.StartNew();
        var seconds = new List<double>();
        var ingests = new List<IngestLoadResult>();
        foreach (var (minute, index) in byMinute.Select((m, i) => (m, i)))
        {
            // The minute's events go in while the refresh of the minute before runs (none before the first minute).
            var sending = IngestLoad.RunAsync(url, minute, keys, clients, ct);
            if (index > 0)
            {
                seconds.Add(await NextRefreshAsync(refreshes.Reader, ct));
            }

            ingests.Add(await sending);
            clock.MoveTo(start + (s_minute * (index + 1)));
        }

        seconds.Add(await NextRefreshAsync(refreshes.Reader, ct));
        var spent = cpu.Elapsed;
        var status = await StatusAsync(store, url, keys.Keys.First(), ct);
        await app.StopAsync(ct);

        var sorted = seconds.Order().ToArray();
        var lines = ingests.Sum(i => i.Lines);
        Console.WriteLine(
            $"live:     {byMinute.Count} minutes, {lines:N0} events over HTTP ({ingests.Sum(i => i.Accepted):N0} accepted, " +
            $"{ingests.Sum(i => i.Duplicates):N0} duplicates, {ingests.Sum(i => i.Rejected):N0} rejected) from {clients} clients, " +
            $"batch latency p99 up to {ingests.Max(i => i.P99Milliseconds):N0} ms");
        Console.WriteLine(
            $"refresh:  {sorted.Length} scheduled incremental refreshes, one a minute: p50 {IngestLoad.Percentile(sorted, 0.50):0.000} s, " +
            $"p99 {IngestLoad.Percentile(sorted, 0.99):0.000} s, slowest {sorted[^1]:0.000} s, first {seconds[0]:0.000} s");
        Console.WriteLine($"process:  {spent} for the live minutes (server and clients in this process), peak memory " +
            $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB (working set)");
        Console.WriteLine($"status:   {status}");
        return ExitCodes.Success;
    }

    /// <summary>Hears every refresh the server times (its <c>analytics.refresh.duration</c> at /metrics), and whether it succeeded.</summary>
    private static MeterListener RefreshListener(ChannelWriter<(double, bool)> refreshes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument is { Meter.Name: "AnalyticsCenter", Name: "analytics.refresh.duration" })
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var ok = true;
            foreach (var tag in tags)
            {
                ok &= tag.Key != "outcome" || tag.Value as string == "ok";
            }

            refreshes.TryWrite((value, ok));
        });
        listener.Start();
        return listener;
    }

    private static async Task<double> NextRefreshAsync(ChannelReader<(double Seconds, bool Ok)> refreshes, CancellationToken ct)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromMinutes(5));
        var (seconds, ok) = await refreshes.ReadAsync(patience.Token);
        return ok ? seconds : throw new InvalidOperationException("a scheduled refresh failed; the server's log says why");
    }

    /// <summary>What the status API says of the first workspace's freshness, as the web tab would show it.</summary>
    private static async Task<string> StatusAsync(IAccessKeys store, Uri url, string workspace, CancellationToken ct)
    {
        var key = await store.CreateKeyAsync(WorkspaceId.Parse(workspace), "fresh benchmark", KeyScope.Read, ct);
        using var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        var status = await http.GetFromJsonAsync<JsonElement>("/api/v1/status", ct);
        return $"{workspace}: as of {status.GetProperty("as_of")}, refreshed at {status.GetProperty("refreshed_at")}, " +
            $"next refresh at {status.GetProperty("next_refresh_at")}";
    }
}
