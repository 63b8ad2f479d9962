using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AnalyticsCenter.Cli.Load;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.Storage.Postgres;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics bench scale --postgres URL --citus URL</c>: the same generated events into an empty store on one PostgreSQL
/// server and one on a Citus coordinator: the ingest; full refreshes of every workspace by 1, 2 and 4 <c>analytics refresh</c>
/// processes at once (each round changes the retention by a day, which makes every workspace rebuild in full); then a
/// report as the store's owner under concurrent readers. Times are the clock, this process's CPU and every server's CPU
/// (a cluster's nodes added up when they run here), so a shared machine shows as waiting, not as work; a refresh round also
/// says what its processes used.
/// </summary>
internal static class ScaleBenchCommand
{
    private static readonly int[] s_refreshers = [1, 2, 4];

    public static Command Create(TimeProvider time)
    {
        var postgres = new Option<string?>("--postgres") { Description = "An empty store database on one PostgreSQL server", HelpName = "URL" };
        var citus = new Option<string?>("--citus") { Description = "An empty store database on a Citus coordinator", HelpName = "URL" };
        var events = new Option<long>("--events") { Description = "Events to generate (default 1,000,000)", DefaultValueFactory = _ => 1_000_000 };
        var workspaces = new Option<int>("--workspaces") { Description = "Workspaces they belong to (default 8)", DefaultValueFactory = _ => 8 };
        var readers = new Option<int>("--readers") { Description = "Concurrent report readers (default 8)", DefaultValueFactory = _ => 8 };
        var reads = new Option<int>("--reads") { Description = "Reports each reader runs (default 50)", DefaultValueFactory = _ => 50 };
        var directory = BenchFolder.DirectoryOption("Where the events file goes (default: a temporary folder, removed afterwards)");
        var seed = GeneratedEvents.SeedOption();
        var command = new Command("scale",
            "Benchmark: ingest, refresh by 1, 2 and 4 processes, and report latency under concurrent readers, on PostgreSQL and on Citus")
        {
            postgres, citus, events, workspaces, readers, reads, directory, seed,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var count = parse.GetValue(events);
            var tenants = parse.GetValue(workspaces);
            var readerCount = parse.GetValue(readers);
            var readCount = parse.GetValue(reads);
            if (count is < 1 or > 1_000_000_000 || tenants is < 1 or > 10_000 || readerCount is < 1 or > 256 || readCount is < 1 or > 100_000)
            {
                throw new UsageException("--events must be 1 to 1,000,000,000, --workspaces 1 to 10,000, --readers 1 to 256 and --reads 1 to 100,000");
            }

            var targets = new[] { ("postgresql", parse.GetValue(postgres), "--postgres"), ("citus", parse.GetValue(citus), "--citus") }
                .Where(named => named.Item2 is not null)
                .Select(named => (Label: named.Item1, Target: StoreTarget.Parse(named.Item2!, named.Item3)))
                .ToList();
            if (targets.Count == 0 || targets.Any(named => named.Target.ConnectionString is null))
            {
                throw new UsageException("give --postgres URL, --citus URL or both: empty store databases (postgresql://…)");
            }

            return await BenchFolder.RunAsync(parse.GetValue(directory), "analytics-bench-", async folder =>
            {
                var eventsFile = Path.Combine(folder, "scale-events.ndjson");
                var end = GeneratedEvents.BenchEnd;
                var summary = await GeneratedEvents.WriteFileAsync(
                    eventsFile, new DemoOptions { Seed = parse.GetValue(seed), Events = count, Workspaces = tenants, End = end });
                Console.WriteLine($"generated {summary.Lines:N0} lines of {tenants} workspaces in {eventsFile}");
                Console.WriteLine($"cores:   {Environment.ProcessorCount}; load average at the start {LoadAverage()}");
                foreach (var (label, target) in targets)
                {
                    await RunAsync(label, target, eventsFile, end.UtcDateTime, readerCount, readCount, time, ct);
                }

                Console.WriteLine($"load average at the end {LoadAverage()}");
                return ExitCodes.Success;
            });
        }));
        return command;
    }

    private static async Task RunAsync(
        string label, StoreTarget target, string eventsFile, DateTime asOf, int readers, int reads, TimeProvider time, CancellationToken ct)
    {
        await using var database = await PostgresBench.OpenAsync(target, ct);
        IngestReport ingest;
        PostgresBench.Step ingested;
        using (var store = await StoreFactory.OpenAsync(target, new StoreOpenOptions(), time, ct))
        {
            if (await database.HoldsEventsAsync(ct))
            {
                throw new UsageException($"the benchmark needs a store without events, and {target} holds some: give it an empty database");
            }

            var step = PostgresBench.Step.Start(database);
            ingest = await IngestCommand.IngestFileAsync(store, eventsFile, ct);
            ingested = step.Stop();
        }

        Console.WriteLine($"{label}: {target}, {database.Servers} server(s)");
        Console.WriteLine($"  ingest:  {ingest.Accepted:N0} events in {ingested}: {PerSecond(ingest.Accepted, ingested)}");
        for (var round = 0; round < s_refreshers.Length; round++)
        {
            var step = PostgresBench.Step.Start(database);
            var children = ExitedChildrenCpu();
            await RefreshAsync(target, s_refreshers[round], asOf, RetentionPeriod.Default.Days + round, ct);
            var refreshed = step.Stop();
            Console.WriteLine(
                $"  refresh: {s_refreshers[round]} process(es), every workspace in full, in {refreshed}, " +
                $"{(ExitedChildrenCpu() - children).TotalSeconds:0.00} CPU-s in the refresh processes: {PerSecond(ingest.Accepted, refreshed)}");
        }

        var workspaces = await database.RefreshedWorkspacesAsync(ct);
        var reading = PostgresBench.Step.Start(database);
        var times = (await PostgresBenchDatabase.ReadReportsAsync(target.ConnectionString!, workspaces, readers, reads, ct)).Order().ToList();
        var read = reading.Stop();
        Console.WriteLine(
            $"  reports: {readers} readers x {reads} over {workspaces.Count} workspaces: p50 {Milliseconds(times, 0.50)}, " +
            $"p99 {Milliseconds(times, 0.99)}, {times.Count / read.Wall.TotalSeconds:N0} reports/s; {read}");
    }

    /// <summary>
    /// <paramref name="processes"/> <c>analytics refresh</c> processes at once, with the retention <paramref name="days"/>
    /// long; the store's URL goes in their environment, not on a command line others can read.
    /// </summary>
    private static async Task RefreshAsync(StoreTarget target, int processes, DateTime asOf, int days, CancellationToken ct)
    {
        var instant = asOf.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var started = Enumerable.Range(0, processes).Select(_ =>
        {
            var start = ThisProgram.StartInfo(["refresh", "--as-of", instant, "--retention", $"{days}d"]);
            start.Environment[CliOptions.DatabaseVariable] = target.ConnectionString;
            return Process.Start(start) ?? throw new InvalidOperationException("could not start analytics refresh");
        }).ToList();
        try
        {
            var outcomes = await Task.WhenAll(started.Select(async process =>
            {
                var error = process.StandardError.ReadToEndAsync(ct);
                await process.StandardOutput.ReadToEndAsync(ct);
                await process.WaitForExitAsync(ct);
                return (process.ExitCode, Error: await error);
            }));
            if (outcomes.FirstOrDefault(outcome => outcome.ExitCode != 0) is { Error: { } failed, ExitCode: not 0 })
            {
                throw new InvalidOperationException($"a refresh process failed: {failed.Trim()}");
            }
        }
        finally
        {
            foreach (var process in started)
            {
                process.Dispose();
            }
        }
    }

    /// <summary>
    /// CPU time of this process's children that have exited and been waited for: Linux adds it to the parent's cutime and
    /// cstime (/proc/self/stat, in USER_HZ, 100 a second); zero where there is no /proc.
    /// </summary>
    private static TimeSpan ExitedChildrenCpu()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return TimeSpan.Zero;
        }

        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0);
    }

    private static string PerSecond(long events, PostgresBench.Step step) => $"{events / step.Wall.TotalSeconds:N0} events/s";

    private static string Milliseconds(List<TimeSpan> sorted, double quantile) =>
        $"{sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)].TotalMilliseconds:0.0} ms";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "not visible here";
}
