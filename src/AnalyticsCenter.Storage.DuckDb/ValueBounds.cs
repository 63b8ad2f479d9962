using System.Globalization;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The bounded stand-ins for the functions that make a big value from a small input (Sql/Query/ValueBounds.sql), made once
/// per open database in an in-memory database of their own, which only tenant connections search: the store's own SQL
/// keeps the built-in functions, and a tenant query pays one <c>SET</c> for them, not the macros' creation.
/// </summary>
internal static class ValueBounds
{
    /// <summary>Creates the stand-ins refusing values past <paramref name="maxValueBytes"/>;
    /// returns the statement that puts them on a connection's search path.</summary>
    public static string Attach(DuckDBConnection connection, int maxValueBytes)
    {
        // READ_WRITE: an in-memory database would otherwise take the read-only mode of a store opened read-only.
        connection.Execute("ATTACH ':memory:' AS value_bounds (READ_WRITE)");
        connection.Execute(SqlScripts.Get("Query/ValueBounds.sql")
            .Replace("{max_bytes}", maxValueBytes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{max_items}", (maxValueBytes / 8).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        // The store's own schema first, so that its tables resolve as they would without; the stand-ins before the built-ins.
        var store = connection.Scalar<string>("SELECT current_database()").Replace("\"", "\"\"", StringComparison.Ordinal);
        return $"SET search_path = '{DuckDbCommands.Quote($"\"{store}\"")}.main,value_bounds.main'";
    }
}
