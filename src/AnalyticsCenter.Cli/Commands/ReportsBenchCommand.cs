using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics bench reports</c>: one busy workspace (about two million sessions and two million deployments by default)
/// served on loopback; times every ready report, the first page of each table browse, and whole-table CSV and Parquet
/// exports through the HTTP API, as a client sees them.
/// </summary>
internal static class ReportsBenchCommand
{
    private const string Workspace = "acme";

    public static Command Create(TimeProvider time)
    {
        var events = new Option<long>("--events")
        {
            Description = "Events to generate for the one workspace (default 14,000,000: about 2 million deployments and, " +
                "as each delivered one starts a session, 2 million sessions)",
            DefaultValueFactory = _ => 14_000_000,
        };
        var outbound = new Option<double>("--outbound-share")
        {
            Description = "Share of the events that are campaign traffic (default 0.9)",
            DefaultValueFactory = _ => 0.9,
        };
        var runs = new Option<int>("--runs") { Description = "Timed runs of each request after one warm-up (default 5)", DefaultValueFactory = _ => 5 };
        var directory = BenchFolder.DirectoryOption("Keep the store here and reuse it on the next run (default: a temporary folder, removed afterwards)");
        var command = new Command("reports",
            "Benchmark: every report, the first table page and whole-table exports over one busy workspace, through the HTTP API")
        {
            events, outbound, runs, directory,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var count = parse.GetValue(events);
            var share = parse.GetValue(outbound);
            var repeat = parse.GetValue(runs);
            if (count is < 1 or > 1_000_000_000 || share is not (>= 0 and <= 1) || repeat is < 1 or > 1_000)
            {
                throw new UsageException("--events must be 1 to 1,000,000,000, --outbound-share 0 to 1 and --runs 1 to 1,000");
            }

            return await BenchFolder.RunAsync(parse.GetValue(directory), "analytics-bench-", async folder =>
            {
                var database = Path.Combine(folder, "reports-bench.duckdb");
                if (!File.Exists(database))
                {
                    await BuildAsync(
                        database, new DemoOptions { Events = count, Workspaces = 1, OutboundShare = share, End = GeneratedEvents.BenchEnd }, time, ct);
                }
                else
                {
                    Console.WriteLine($"reusing {database}");
                }

                using var store = await StoreFactory.OpenAsync(StoreTarget.File(database), new StoreOpenOptions(), time, ct);
                var status = (await store.GetStatusAsync(WorkspaceId.Parse(Workspace), ct)).Single();
                Console.WriteLine($"workspace {Workspace}: {status.Sessions:N0} sessions, {status.Deployments:N0} deployments");
                await Measure(store, status, repeat, ct);
                return ExitCodes.Success;
            });
        }));
        return command;
    }

    private static async Task BuildAsync(string database, DemoOptions options, TimeProvider time, CancellationToken ct)
    {
        var eventsFile = Path.ChangeExtension(database, ".events.ndjson");
        await GeneratedEvents.WriteFileAsync(eventsFile, options);
        using var store = await StoreFactory.OpenAsync(StoreTarget.File(database), new StoreOpenOptions(), time, ct);
        await IngestCommand.IngestFileAsync(store, eventsFile, ct);
        await RefreshCommand.RefreshAsync(store, options.End.UtcDateTime, ct);
        File.Delete(eventsFile);
    }

    private static async Task Measure(IAnalyticsStore store, WorkspaceStatus status, int runs, CancellationToken ct)
    {
        // Generous limits: the benchmark is the only client.
        var settings = new WebHostSettings { RequestsPerMinutePerKey = 1_000_000, RefreshEvery = null };
        await using var app = AnalyticsWebApp.Create(store, settings, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.Warning);
        });
        await app.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(10) };
        var key = await store.CreateKeyAsync(WorkspaceId.Parse(Workspace), "bench", KeyScope.Read, ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);

        Console.WriteLine($"milliseconds per request at the client on loopback, warm: median and slowest of {runs}");
        foreach (var report in ReadyReport.All)
        {
            await Time(http, $"report {report.Name}", $"/api/v1/reports/{report.Name}", runs, ct);
        }

        foreach (var table in new[] { "sessions", "deployments" })
        {
            await Time(http, $"first page of {table}", $"/api/v1/tables/{table}?limit=100", runs, ct);
            await Time(http, $"first page of {table}, filtered", $"/api/v1/tables/{table}?limit=100&country=%2B57", runs, ct);
        }

        await Export(http, "/api/v1/exports/sessions.csv", status.Sessions, ct);
        await Export(http, "/api/v1/exports/deployments.csv", status.Deployments, ct);
        await Export(http, "/api/v1/exports/sessions.parquet", status.Sessions, ct);
        await store.RevokeKeyAsync(key.Info.KeyId, ct);
    }

    private static async Task Time(HttpClient http, string what, string path, int runs, CancellationToken ct)
    {
        var timings = new double[runs];
        for (var run = -1; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }

            if (run >= 0)
            {
                timings[run] = elapsed;
            }
        }

        Array.Sort(timings);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-42} {timings[runs / 2],8:0.0} {timings[^1],8:0.0}"));
    }

    /// <summary>Streams a whole export of <paramref name="rows"/> rows while sampling the process's memory.</summary>
    private static async Task Export(HttpClient http, string path, long rows, CancellationToken ct)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            bytes += read;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync();
        await sampler;
        Console.WriteLine($"  export {path}: {rows:N0} rows, {bytes / 1e6:N0} MB in {elapsed.TotalSeconds:0.00} s, {rows / elapsed.TotalSeconds:N0} rows/s; " +
            $"memory {baseline / 1e6:N0} MB before, peak {peak / 1e6:N0} MB during");
    }
}
