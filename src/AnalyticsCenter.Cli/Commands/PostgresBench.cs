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

        // Measured after the peak is read: the floor's files hold every event at once, which the product never does.
        var floor = await FloorAsync(database, eventsFile, ct);
        Console.WriteLine(
            $"floor:   the same file, its {ingest.Accepted:N0} stored events and rows, none of the product's own work: " +
            $"reading the JSON {floor.Json}, PostgreSQL copying the typed events into a table with no index {floor.Write}, " +
            $"reading them in timeline order {floor.SortedRead}, copying the rows {floor.Rows}; {floor.Total} in all");
        Console.WriteLine(
            $"keyed:   the events' copy into a table with the store's unique key and indexes, as deduplication and incremental " +
            $"refreshes need them, takes {floor.KeyedWrite} (the floor's took {floor.Write})");
        Console.WriteLine(
            $"cpu:     store {product.Cpu.TotalSeconds:0.00} CPU-s, peer {peer.Cpu.TotalSeconds:0.00}, floor {floor.Total.Cpu.TotalSeconds:0.00}, " +
            $"floor with the keyed copy {floor.Total.Cpu.TotalSeconds - floor.Write.Cpu.TotalSeconds + floor.KeyedWrite.Cpu.TotalSeconds:0.00} " +
            "(here and in the server)");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The least any store must do on this server for these events (PostgreSQL's side of <see cref="StoreFloor"/>): read
    /// the file's JSON; copy the typed events, as stored, into a table with no index; read them back once in timeline order;
    /// copy the rows of the two tables. No validation, deduplication, sessionizing or text of the rows.
    /// </summary>
    private static async Task<Floor> FloorAsync(PostgresBenchDatabase database, string eventsFile, CancellationToken ct)
    {
        var json = StoreFloor.ReadJson(eventsFile);
        var folder = Path.GetDirectoryName(Path.GetFullPath(eventsFile))!;
        await database.SaveFloorAsync(folder, ct);
        try
        {
            var step = Step.Start(database);
            await database.WriteFloorEventsAsync(folder, ct);
            var write = step.Stop();
            step = Step.Start(database);
            await database.ReadFloorSortedAsync(ct);
            var sortedRead = step.Stop();
            step = Step.Start(database);
            await database.WriteFloorRowsAsync(folder, ct);
            var rows = step.Stop();
            step = Step.Start(database);
            await database.WriteKeyedEventsAsync(folder, ct);
            return new Floor(new Step(json, TimeSpan.Zero), write, sortedRead, rows, step.Stop());
        }
        finally
        {
            await database.DropFloorAsync(folder, ct);
        }
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

        /// <summary>CPU here and in the server (here only when the server's cannot be read).</summary>
        public TimeSpan Cpu => Process.Cpu + (Server ?? TimeSpan.Zero);

        public Step Add(Step other) => new(Process.Add(other.Process), Server + other.Server);

        public override string ToString() =>
            $"{Process.Wall.TotalSeconds:0.00} s ({Process.Cpu.TotalSeconds:0.00} CPU-s here, " +
            (Server is { } server ? $"{server.TotalSeconds:0.00} CPU-s in the server)" : "server CPU not visible from here)");
    }

    /// <summary>
    /// The floor's four parts, as <see cref="StoreFloorReport"/> has them for DuckDB, and beside them (not in the total) the
    /// events' copy into a table with the store's key and indexes.
    /// </summary>
    private readonly record struct Floor(Step Json, Step Write, Step SortedRead, Step Rows, Step KeyedWrite)
    {
        public Step Total => Json.Add(Write).Add(SortedRead).Add(Rows);
    }

    internal readonly record struct Running(PostgresBenchDatabase Database, CpuStopwatch Clock, TimeSpan? ServerAtStart)
    {
        public Step Stop() => new(Clock.Elapsed, Database.ServerCpu() - ServerAtStart);
    }
}
