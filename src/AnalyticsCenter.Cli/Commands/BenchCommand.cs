using System.CommandLine;
using System.Diagnostics;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.Storage.DuckDb;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics bench</c>: generates N events to an NDJSON file, then times ingest and refresh of it end to end
/// into a fresh store, and reports throughput and the process's peak memory; on a PostgreSQL <c>--db</c>, see
/// <see cref="PostgresBench"/>.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TimeProvider time)
    {
        var events = new Option<long>("--events") { Description = "Events to generate", DefaultValueFactory = _ => 5_000_000 };
        var directory = BenchFolder.DirectoryOption("Where the events file and the store go (default: a temporary folder, removed afterwards)");
        var seed = GeneratedEvents.SeedOption();
        var command = new Command("bench", "Benchmark: ingest and refresh N generated events end to end; prints events/s and peak memory")
        {
            events, directory, seed,
        };
        command.Subcommands.Add(ReportsBenchCommand.Create(time));
        command.Subcommands.Add(LoadBenchCommand.Create());
        command.Subcommands.Add(FreshBenchCommand.Create());
        command.Subcommands.Add(ScaleBenchCommand.Create(time));
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var count = parse.GetValue(events);
            if (count is < 1 or > 1_000_000_000)
            {
                throw new UsageException($"--events must be between 1 and 1,000,000,000, not {count:N0}");
            }

            // A PostgreSQL --db is benchmarked in place (it must hold no events); a DuckDB one is a fresh file in the folder.
            var target = CliOptions.Target(parse);
            return await BenchFolder.RunAsync(parse.GetValue(directory), "analytics-bench-", async folder =>
            {
                var eventsFile = Path.Combine(folder, "bench-events.ndjson");
                var database = Path.Combine(folder, "bench.duckdb");
                var end = GeneratedEvents.BenchEnd;
                var summary = await GeneratedEvents.WriteFileAsync(eventsFile, new DemoOptions { Seed = parse.GetValue(seed), Events = count, End = end });
                var fileBytes = new FileInfo(eventsFile).Length;
                Console.WriteLine($"generated {summary.Lines:N0} lines ({fileBytes / 1e6:N0} MB) in {eventsFile}");
                if (target.ConnectionString is not null)
                {
                    return await PostgresBench.RunAsync(target, eventsFile, end.UtcDateTime, time, ct);
                }

                GeneratedEvents.DeleteStore(database);
                GC.Collect();
                var started = CpuStopwatch.StartNew();
                IngestReport ingest;
                RefreshReport refresh;
                Timing ingested, refreshed;
                long ingestPeak;
                using (var store = await StoreFactory.OpenAsync(StoreTarget.File(database), new StoreOpenOptions(), time, ct))
                {
                    ingest = await IngestCommand.IngestFileAsync(store, eventsFile, ct);
                    ingested = started.Elapsed;
                    ingestPeak = Process.GetCurrentProcess().PeakWorkingSet64;
                    var refreshing = CpuStopwatch.StartNew();
                    refresh = await RefreshCommand.RefreshAsync(store, end.UtcDateTime, ct);
                    refreshed = refreshing.Elapsed;
                }

                var total = started.Elapsed;
                var peak = Process.GetCurrentProcess().PeakWorkingSet64;

                WriteIngestAndRefresh(ingest, ingested.ToString(), ingested.Wall, refresh, refreshed.ToString());
                Console.WriteLine(
                    $"total:   {total} end to end, {ingest.LinesRead / total.Wall.TotalSeconds:N0} events/s, " +
                    $"peak memory {peak / 1e6:N0} MB (working set; {ingestPeak / 1e6:N0} MB by the end of the ingest), " +
                    $"store {new FileInfo(database).Length / 1e6:N0} MB");

                // Measured after the peak is read: the floor holds every event in memory at once, which the product never does.
                var floor = StoreFloor.Measure(eventsFile, database, Path.Combine(folder, "floor.duckdb"));
                Console.WriteLine(
                    $"floor:   the same file, its {floor.Events:N0} stored events and {floor.Sessions:N0} + {floor.Deployments:N0} rows, " +
                    $"none of the product's own work: reading the JSON {floor.Json}, " +
                    $"DuckDB writing the events {floor.Write}, reading them in timeline order {floor.SortedRead}, " +
                    $"writing the rows {floor.Rows}; {floor.Total} in all");
                Console.WriteLine(
                    $"cores:   {Environment.ProcessorCount}, so the floor alone needs {floor.Total.Cpu.TotalSeconds / Environment.ProcessorCount:0.0} s " +
                    "even with every core busy all along");

                // The yardstick, in the same run: the product should beat a user's hand-written SQL over the same file.
                var reference = ReferenceSessionize.Measure(eventsFile, Path.Combine(folder, "reference.duckdb"));
                Console.WriteLine(
                    $"reference: DuckDB by hand over the same file (read_json {reference.Load}, window functions with the inactivity rule only " +
                    $"{reference.Sessionize}; {reference.Events:N0} events, {reference.Sessions:N0} sessions): {reference.Total} in all");
                Console.WriteLine(
                    $"ratio:   the product took {total.Wall.TotalSeconds:0.00} s, the reference {reference.Total.Wall.TotalSeconds:0.00} s: " +
                    $"{reference.Total.Wall / total.Wall:0.00}x the reference's speed " +
                    $"({reference.Total.Cpu / total.Cpu:0.00}x in CPU time)");
                return ExitCodes.Success;
            });
        }));
        return command;
    }

    /// <summary>The ingest and refresh lines every store's benchmark prints, with each step's time in words.</summary>
    internal static void WriteIngestAndRefresh(IngestReport ingest, string ingested, TimeSpan ingestWall, RefreshReport refresh, string refreshed)
    {
        Console.WriteLine(
            $"ingest:  {ingest.LinesRead:N0} lines, {ingest.Accepted:N0} accepted, {ingest.Duplicates:N0} duplicates, " +
            $"{ingest.Rejected:N0} rejected in {ingested}, {ingest.LinesRead / ingestWall.TotalSeconds:N0} lines/s");
        Console.WriteLine(
            $"refresh: {refresh.Workspaces.Sum(w => w.Sessions):N0} sessions, " +
            $"{refresh.Workspaces.Sum(w => w.Deployments):N0} deployments in {refreshed}");
    }
}
