using System.Diagnostics;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The floor under the benchmark's figures: what DuckDB alone takes, on this machine and at this moment, for the two
/// things an ingest and a full refresh of a store's events cannot do without. Writing the events (already parsed, from
/// memory) into a fresh store's events table, and reading them back in the sessionizer's order. None of the product's
/// own work is in it: no reading or parsing of JSON, no deduplication, no sessionizing, no rows of the two tables.
/// </summary>
public static class StoreFloor
{
    /// <summary>Measures the floor for the events of the store at <paramref name="source"/> (not held open elsewhere).</summary>
    /// <param name="source">The store whose events are written and read again; left unchanged.</param>
    /// <param name="scratch">A file for the fresh store written to, deleted afterwards.</param>
    public static StoreFloorReport Measure(string source, string scratch)
    {
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
            return new StoreFloorReport(events, write, sortedRead);
        }
        finally
        {
            File.Delete(scratch);
            File.Delete(scratch + ".wal");
        }
    }

    private static TimeSpan Timed(DuckDBConnection connection, string script)
    {
        var started = Stopwatch.GetTimestamp();
        connection.Execute(SqlScripts.Get(script));
        return Stopwatch.GetElapsedTime(started);
    }
}
