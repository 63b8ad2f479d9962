using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The reference for the product's speed: what a user who writes the SQL by hand gets with DuckDB alone, over the
/// same NDJSON file, in a fresh database file with DuckDB's default settings: <c>read_json</c> of the file, then sessions
/// by window functions under the inactivity rule alone (none of the product's other rules, no deduplication, no
/// validation, no deployments, no text of the rows).
/// </summary>
public static class ReferenceSessionize
{
    /// <param name="eventsFile">The NDJSON file.</param>
    /// <param name="scratch">A database file for it, deleted afterwards.</param>
    public static ReferenceReport Measure(string eventsFile, string scratch)
    {
        try
        {
            using var connection = new DuckDBConnection(DuckDbStore.ConnectionString(scratch, readOnly: false));
            connection.Open();
            var clock = CpuStopwatch.StartNew();
            var file = DuckDbCommands.Quote(Path.GetFullPath(eventsFile));
            connection.Execute(SqlScripts.Get("Reference/Load.sql").Replace("{file}", file, StringComparison.Ordinal));
            var load = clock.Elapsed;
            clock = CpuStopwatch.StartNew();
            connection.Execute(SqlScripts.Get("Reference/Sessionize.sql"));
            var sessionize = clock.Elapsed;
            return new ReferenceReport(
                connection.Scalar<long>("SELECT count(*) FROM reference_events"), connection.Scalar<long>("SELECT count(*) FROM reference_sessions"),
                load, sessionize);
        }
        finally
        {
            File.Delete(scratch);
            File.Delete(scratch + ".wal");
        }
    }
}
