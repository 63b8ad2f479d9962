using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Commands from the store's .sql files with named parameters (<c>@name</c>). The store keeps UTC in <c>timestamp</c>
/// columns (no zone, as on DuckDB): every DateTime goes and comes back as UTC.
/// </summary>
internal static class PgCommands
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string script, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(SqlScripts.Get(script), connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, Value(value));
        }

        return command;
    }

    /// <summary>
    /// A parameter's value as sent: a DateTime as <c>timestamp</c> (UTC without a zone, the columns' type), so a filter
    /// compares a column with a constant and an index serves it, where a <c>timestamptz</c> would need a cast at run time.
    /// </summary>
    public static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime utc => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified),
        _ => value,
    };

    public static async Task<int> ExecuteAsync(
        this NpgsqlConnection connection, string script, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(script, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(
        this NpgsqlConnection connection, string script, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(script, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull or null ? default! : (T)value;
    }

    public static string? StringOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
