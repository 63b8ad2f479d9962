using System.Text.Json;
using AnalyticsCenter.Core.Ingestion;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The floor under the benchmark's figures: what the machine alone takes, at this moment, for the four things an ingest
/// and a full refresh of an events file cannot do without. Reading the file and tokenizing every line's JSON (no
/// validation, nothing kept); with DuckDB, writing the stored events (already parsed, from memory) into a fresh store's
/// events table, reading them back in the sessionizer's order, and writing the rows of the two tables (already computed,
/// from memory). None of the product's own work is in it: no validation, no deduplication, no sessionizing, no text of
/// the rows.
/// </summary>
public static class StoreFloor
{
    /// <summary>
    /// Measures the floor for <paramref name="eventsFile"/> and what the store at <paramref name="source"/> (not held open
    /// elsewhere) keeps of it: its events and its rows of the two tables.
    /// </summary>
    /// <param name="eventsFile">The NDJSON file the store's events were ingested from.</param>
    /// <param name="source">The store whose events and rows are written and read; left unchanged.</param>
    /// <param name="scratch">A file for the fresh store written to, deleted afterwards.</param>
    public static StoreFloorReport Measure(string eventsFile, string source, string scratch)
    {
        var json = ReadJson(eventsFile);
        try
        {
            using var connection = new DuckDBConnection(DuckDbStore.ConnectionString(scratch, readOnly: false));
            connection.Open();
            connection.Execute(SqlScripts.Get("Schema.sql"));
            connection.Execute(SqlScripts.Get("Floor/Load.sql").Replace("{source}", DuckDbCommands.Quote(Path.GetFullPath(source)), StringComparison.Ordinal));
            var events = connection.Scalar<long>("SELECT count(*) FROM floor_events");

            var write = Timed(connection, "Floor/Write.sql");
            connection.Execute("DROP TABLE floor_events");

            // The refresh reads under the store's memory limit, and so does this.
            MemoryLimits.Set(connection, new DuckDbStoreOptions().MemoryLimit);
            var sortedRead = Timed(connection, "Floor/SortedRead.sql");
            var sessions = connection.Scalar<long>("SELECT count(*) FROM floor_sessions");
            var deployments = connection.Scalar<long>("SELECT count(*) FROM floor_deployments");
            var rows = Timed(connection, "Floor/WriteRows.sql");
            return new StoreFloorReport(events, sessions, deployments, json, write, sortedRead, rows);
        }
        finally
        {
            File.Delete(scratch);
            File.Delete(scratch + ".wal");
        }
    }

    /// <summary>
    /// The floor's first part, the same for every store: reads the file in the ingest's chunks of lines (RawChunk),
    /// tokenizing them on every core and keeping nothing.
    /// </summary>
    public static Timing ReadJson(string eventsFile)
    {
        var clock = CpuStopwatch.StartNew();
        using (var file = new FileStream(eventsFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            Parallel.ForEach(
                RawChunk.ReadAll(new NdjsonLineReader(file)),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                static chunk =>
                {
                    using (chunk)
                    {
                        for (var i = 0; i < chunk.Count; i++)
                        {
                            Tokenize(chunk.Line(i));
                        }
                    }
                });
        }

        return clock.Elapsed;
    }

    private static void Tokenize(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            // Not JSON: the ingest too learns no more of the line than where it breaks.
        }
    }

    private static Timing Timed(DuckDBConnection connection, string script)
    {
        var clock = CpuStopwatch.StartNew();
        connection.Execute(SqlScripts.Get(script));
        return clock.Elapsed;
    }
}
