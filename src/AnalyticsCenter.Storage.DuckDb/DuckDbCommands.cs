using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Small helpers for running SQL with named parameters on a connection.</summary>
internal static partial class DuckDbCommands
{
    /// <summary>Runs each statement of a script (statements end with a semicolon at the end of a line); returns the rows changed.</summary>
    public static int Execute(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var changed = 0;
        foreach (var statement in Statements(sql))
        {
            using var command = connection.Prepare(statement, parameters);
            changed += command.ExecuteNonQuery();
        }

        return changed;
    }

    /// <summary>The statements of a script (statements end with a semicolon at the end of a line), comments-only ones left out.</summary>
    public static IEnumerable<string> Statements(string sql) =>
        StatementEnd().Split(sql).Where(statement => !string.IsNullOrWhiteSpace(StripComments(statement)));

    private static string StripComments(string sql) => LineComment().Replace(sql, "");

    [System.Text.RegularExpressions.GeneratedRegex(@";[ \t]*(?:\r?\n|$)")]
    private static partial System.Text.RegularExpressions.Regex StatementEnd();

    [System.Text.RegularExpressions.GeneratedRegex(@"--[^\n]*")]
    private static partial System.Text.RegularExpressions.Regex LineComment();

    /// <summary><paramref name="text"/> made safe inside a single-quoted SQL string literal.</summary>
    public static string Quote(string text) => text.Replace("'", "''", StringComparison.Ordinal);

    public static T Scalar<T>(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static DuckDBCommand Prepare(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            // Only parameters the statement uses may be bound: DuckDB refuses unknown names.
            if (sql.Contains("$" + name, StringComparison.Ordinal))
            {
                command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
            }
        }

        return command;
    }
}
