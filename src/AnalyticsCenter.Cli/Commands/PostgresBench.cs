using System.Diagnostics;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.DuckDb;
using AnalyticsCenter.Storage.Postgres;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics bench --db postgresql://…</c>: ingest and refresh of a generated file into an empty PostgreSQL store, then,
/// in the same database, the peer a PostgreSQL user would write instead (the file copied into a <c>jsonb</c> table,
/// sessions counted with window functions). Each step's time is the clock, this process's CPU and the server's CPU (every
/// backend and worker, when the server runs on this machine), so a busy machine shows as waiting, not as work.
/// </summary>
internal static class PostgresBench
{
    public static async Task<int> RunAsync(StoreTarget target, string eventsFile, DateTime asOfUtc, TimeProvider time, CancellationToken ct)
    {
        await using var database = await OpenAsync(target, ct);
        IngestReport ingest;
        RefreshReport refresh;
        Step ingested, refreshed;
        long ingestPeak;
        GC.Collect();
        using (var store = await StoreFactory.OpenAsync(target, new StoreOpenOptions(), time, ct))
        {
            if (await database.HoldsEventsAsync(ct))
            {
                throw new UsageException($"the benchmark needs a store without events, and {target} holds some: give it an empty database");
            }

            var step = Step.Start(database);
            ingest = await IngestCommand.IngestFileAsync(store, eventsFile, ct);
            ingested = step.Stop();
            ingestPeak = Process.GetCurrentProcess().PeakWorkingSet64;
            step = Step.Start(database);
            refresh = await RefreshCommand.RefreshAsync(store, asOfUtc, ct);
            refreshed = step.Stop();
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var size = await database.SizeAsync(ct);
        var product = ingested.Add(refreshed);
        Console.WriteLine($"store:   {target}");
        BenchCommand.WriteIngestAndRefresh(ingest, ingested.ToString(), ingested.Wall, refresh, refreshed.ToString());
        Console.WriteLine(
            $"total:   {product} end to end, {ingest.LinesRead / product.Wall.TotalSeconds:N0} events/s, " +
            $"peak memory {peak / 1e6:N0} MB (working set; {ingestPeak / 1e6:N0} MB by the end of the ingest), " +
            $"database {size / 1e6:N0} MB on disk (pg_database_size)");

        var load = Step.Start(database);
        var (lines, leftOut) = await database.LoadPeerAsync(eventsFile, ct);
        var loaded = load.Stop();
        var sessionize = Step.Start(database);
        var sessions = await database.SessionizePeerAsync(InactivityTimeout.Default.Micros!.Value, ct);
        var sessionized = sessionize.Stop();
        await database.DropPeerAsync(ct);
        var peer = loaded.Add(sessionized);
        Console.WriteLine(
            $"peer:    the same file as jsonb: {lines:N0} lines copied ({leftOut:N0} that jsonb refuses left out) in {loaded}, " +
            $"{sessions:N0} sessions (inactivity only) " +
            $"counted by window functions in {sessionized}; {peer} in all");
        Console.WriteLine($"ratio:   the store's ingest and refresh took {product.Wall / peer.Wall:0.00}x the peer's time " +
            $"({peer.Wall / product.Wall:0.00}x as fast)");
        return ExitCodes.Success;
    }

    internal static async Task<PostgresBenchDatabase> OpenAsync(StoreTarget target, CancellationToken ct)
    {
        try
        {
            return await PostgresBenchDatabase.OpenAsync(target.ConnectionString!, ct);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            throw new StoreUnavailableException($"cannot open {target}: {ex.Message}", ex);
        }
    }

    /// <summary>A step's clock and process CPU, and the server's CPU meanwhile (null when it cannot be read).</summary>
    internal readonly record struct Step(Timing Process, TimeSpan? Server)
    {
        public static Running Start(PostgresBenchDatabase database) => new(database, CpuStopwatch.StartNew(), database.ServerCpu());

        public TimeSpan Wall => Process.Wall;

        public Step Add(Step other) => new(Process.Add(other.Process), Server + other.Server);

        public override string ToString() =>
            $"{Process.Wall.TotalSeconds:0.00} s ({Process.Cpu.TotalSeconds:0.00} CPU-s here, " +
            (Server is { } server ? $"{server.TotalSeconds:0.00} CPU-s in the server)" : "server CPU not visible from here)");
    }

    internal readonly record struct Running(PostgresBenchDatabase Database, CpuStopwatch Clock, TimeSpan? ServerAtStart)
    {
        public Step Stop() => new(Clock.Elapsed, Database.ServerCpu() - ServerAtStart);
    }
}
