using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using AnalyticsCenter.Cli.Load;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Demo;
using AnalyticsCenter.Query;
using AnalyticsCenter.Storage.Postgres;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics bench reports</c>: one busy workspace (about two million sessions and two million deployments by default)
/// served by a real <c>analytics serve</c> child on loopback; times every ready report, the first page of each table browse,
/// and whole-table CSV and Parquet exports through the HTTP API, as a client sees them, with the CPU each costs the server
/// (and, on a PostgreSQL <c>--db</c> on this machine, the database server).
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

            // A PostgreSQL --db is built in place (it must hold no events) or reused; a DuckDB one is a file in the folder.
            var named = CliOptions.Target(parse);
            return await BenchFolder.RunAsync(parse.GetValue(directory), "analytics-bench-", async folder =>
            {
                var target = named.ConnectionString is null ? StoreTarget.File(Path.Combine(folder, "reports-bench.duckdb")) : named;
                var options = new DemoOptions { Events = count, Workspaces = 1, OutboundShare = share, End = GeneratedEvents.BenchEnd };
                var (sessions, deployments, key) = await PrepareAsync(target, Path.Combine(folder, "reports-bench.events.ndjson"), options, time, ct);
                Console.WriteLine($"workspace {Workspace}: {sessions:N0} sessions, {deployments:N0} deployments");
                await using var database = target.ConnectionString is { } connection ? await PostgresBenchDatabase.OpenAsync(connection, ct) : null;
                using (var server = await ServerProcess.StartAsync(target.FilePath ?? target.ConnectionString!, ["--refresh-every", "none"], ct))
                {
                    using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(10) };
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
                    await Measure(http, new ServedCpu(server, database), sessions, deployments, repeat, ct);
                    await server.StopAsync(TimeSpan.FromMinutes(1), ct);
                }

                using var store = await StoreFactory.OpenAsync(target, new StoreOpenOptions(), time, ct);
                await store.RevokeKeyAsync(key.Info.KeyId, ct);
                return ExitCodes.Success;
            });
        }));
        return command;
    }

    /// <summary>
    /// The workspace's row counts and a read key for the benchmark: the store's own rows when it holds the workspace
    /// already, else generated events ingested and refreshed into it, which must then hold nothing.
    /// </summary>
    private static async Task<(long Sessions, long Deployments, CreatedApiKey Key)> PrepareAsync(
        StoreTarget target, string eventsFile, DemoOptions options, TimeProvider time, CancellationToken ct)
    {
        var workspace = WorkspaceId.Parse(Workspace);
        using var store = await StoreFactory.OpenAsync(target, new StoreOpenOptions(), time, ct);
        var statuses = await store.GetStatusAsync(cancellationToken: ct);
        long sessions, deployments;
        if (statuses.FirstOrDefault(s => s.Workspace == Workspace) is { Sessions: > 0 } built)
        {
            Console.WriteLine($"reusing {target}");
            (sessions, deployments) = (built.Sessions, built.Deployments);
        }
        else if (statuses.Any(s => s.EventsWaiting > 0 || s.Sessions > 0))
        {
            throw new UsageException($"the benchmark needs a store without events or one it built, and {target} holds others: give it an empty one");
        }
        else
        {
            await GeneratedEvents.WriteFileAsync(eventsFile, options);
            await IngestCommand.IngestFileAsync(store, eventsFile, ct);
            var refreshed = (await RefreshCommand.RefreshAsync(store, options.End.UtcDateTime, ct)).Workspaces.Single(w => w.Workspace == Workspace);
            File.Delete(eventsFile);
            (sessions, deployments) = (refreshed.Sessions, refreshed.Deployments);
        }

        return (sessions, deployments, await store.CreateKeyAsync(workspace, "bench", KeyScope.Read, ct));
    }

    private static async Task Measure(HttpClient http, ServedCpu cpu, long sessions, long deployments, int runs, CancellationToken ct)
    {
        Console.WriteLine($"milliseconds per request at the client on loopback, warm: median and slowest of {runs}; " +
            $"CPU milliseconds per request: the server process{(cpu.HasDatabase ? " and PostgreSQL" : "")}");
        // Each report as computed (Cache-Control: no-cache, as the first request after the data changed), then as the
        // answer kept until it changes, which a repeat gets.
        foreach (var report in ReadyReport.All)
        {
            await Time(http, cpu, $"report {report.Name}, computed", $"/api/v1/reports/{report.Name}", runs, ct, computed: true);
            await Time(http, cpu, $"report {report.Name}, kept", $"/api/v1/reports/{report.Name}", runs, ct);
        }

        foreach (var table in new[] { "sessions", "deployments" })
        {
            await Time(http, cpu, $"first page of {table}", $"/api/v1/tables/{table}?limit=100", runs, ct);
            await Time(http, cpu, $"first page of {table}, filtered", $"/api/v1/tables/{table}?limit=100&country=%2B57", runs, ct);
        }

        await Export(http, cpu, "/api/v1/exports/sessions.csv", sessions, ct);
        await Export(http, cpu, "/api/v1/exports/deployments.csv", deployments, ct);
        await Export(http, cpu, "/api/v1/exports/sessions.parquet", sessions, ct);
    }

    private static async Task Time(HttpClient http, ServedCpu cpu, string what, string path, int runs, CancellationToken ct, bool computed = false)
    {
        var timings = new double[runs];
        var before = cpu.Now();
        for (var run = -1; run < runs; run++)
        {
            if (run == 0)
            {
                before = cpu.Now();
            }

            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (computed)
            {
                request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
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

        var used = cpu.Since(before);
        Array.Sort(timings);
        var database = used.Database is { } server ? string.Create(CultureInfo.InvariantCulture, $" + {server.TotalMilliseconds / runs,6:0}") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-42} {timings[runs / 2],8:0.0} {timings[^1],8:0.0}   CPU {used.Serve.TotalMilliseconds / runs,6:0}{database}"));
    }

    /// <summary>Streams a whole export of <paramref name="rows"/> rows while sampling the server process's memory.</summary>
    private static async Task Export(HttpClient http, ServedCpu cpu, string path, long rows, CancellationToken ct)
    {
        var baseline = cpu.Server.ResidentBytes();
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, cpu.Server.ResidentBytes());
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        var before = cpu.Now();
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
        var used = cpu.Since(before);
        await sampling.CancelAsync();
        await sampler;
        Console.WriteLine($"  export {path}: {rows:N0} rows, {bytes / 1e6:N0} MB in {elapsed.TotalSeconds:0.00} s, {rows / elapsed.TotalSeconds:N0} rows/s; " +
            $"server memory {baseline / 1e6:N0} MB before, peak {peak / 1e6:N0} MB during; CPU {used.Serve.TotalSeconds:0.00} s" +
            (used.Database is { } database ? $" + {database.TotalSeconds:0.00} s" : ""));
    }
}
