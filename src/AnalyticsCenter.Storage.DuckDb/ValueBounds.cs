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
    /// <summary>A macro has a fixed number of parameters: the functions that take any number are shadowed for up to this many.</summary>
    private const int MaxArguments = 16;

    /// <summary>Creates the stand-ins refusing values past <paramref name="maxValueBytes"/>;
    /// returns the statement that puts them on a connection's search path.</summary>
    public static string Attach(DuckDBConnection connection, int maxValueBytes)
    {
        // READ_WRITE: an in-memory database would otherwise take the read-only mode of a store opened read-only.
        connection.Execute("ATTACH ':memory:' AS value_bounds (READ_WRITE)");
        connection.Execute(SqlScripts.Get("Query/ValueBounds.sql")
            .Replace("{max_bytes}", maxValueBytes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{max_items}", (maxValueBytes / 8).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        connection.Execute(VariadicStandIns());

        // The store's own schema first, so that its tables resolve as they would without; the stand-ins before the built-ins.
        var store = connection.Scalar<string>("SELECT current_database()").Replace("\"", "\"\"", StringComparison.Ordinal);
        return $"SET search_path = '{DuckDbCommands.Quote($"\"{store}\"")}.main,value_bounds.main'";
    }

    /// <summary>printf and format with a checked format, concat with a checked size: an overload for each count of arguments.</summary>
    private static string VariadicStandIns() => string.Join('\n',
        Overloads("printf", 1, args => $"system.main.printf({CheckedFormat(args)})"),
        Overloads("format", 1, args => $"system.main.format({CheckedFormat(args)})"),
        Overloads("concat", 2, args =>
            $"value_bounds.main.ac_checked_bytes(system.main.concat({string.Join(", ", args)}), " +
            $"{string.Join(" + ", args.Select(a => $"value_bounds.main.ac_size({a})"))}, 'concat()')"));

    private static string CheckedFormat(IReadOnlyList<string> args) =>
        string.Join(", ", args.Skip(1).Prepend($"value_bounds.main.ac_checked_format({args[0]})"));

    private static string Overloads(string name, int fewest, Func<IReadOnlyList<string>, string> body)
    {
        var overloads = Enumerable.Range(fewest, MaxArguments - fewest + 1).Select(count =>
        {
            var args = Enumerable.Range(0, count).Select(i => $"a{i}").ToList();
            return $"({string.Join(", ", args)}) AS {body(args)}";
        });
        return $"CREATE OR REPLACE MACRO value_bounds.main.{name}{string.Join(",\n    ", overloads)};";
    }
}
