using System.Data.Common;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.DuckDb;
using Npgsql;
using NpgsqlTypes;

namespace AnalyticsCenter.Query.Tests.Twins;

/// <summary>
/// A PostgreSQL database holding one DuckDB workspace's tenant rows as plain tables <c>sessions</c> and
/// <c>deployments</c> (the columns the DuckDB tenant path shows, in its order), and the run functions of both.
/// </summary>
/// <remarks>
/// Two things a real deployment may differ in are set against the SQL on purpose: the session's time zone is not UTC
/// (the SQL must never lean on it) and text columns sort by an ICU collation far from code point order: punctuation
/// ignored, digits compared as numbers, upper case first (the SQL must say COLLATE "C" wherever DuckDB's byte order shows).
/// </remarks>
internal static class PostgresTwin
{
    private const string SessionTimeZone = "Asia/Kathmandu";
    private const string LocaleCollation = "far_from_bytes";

    /// <summary>
    /// The views of the facts the PostgreSQL store's refresh keeps for the reports (Migrations/020_report_facts.sql), by
    /// what they mean: a deployment's session, and the campaign of the deployment that started a session.
    /// </summary>
    private const string FactViews = """
        CREATE VIEW tenant_deployment_facts AS
        SELECT d.*, s.session_started_timestamp, s.session_finished_timestamp, s.first_message_timestamp IS NOT NULL AS session_replied
        FROM deployments d LEFT JOIN sessions s ON s.session_id = d.session_id;
        CREATE VIEW tenant_session_facts AS
        SELECT s.*, d.deployment_campaign_name
        FROM sessions s
        LEFT JOIN (SELECT session_id, max(campaign_name) AS deployment_campaign_name FROM deployments GROUP BY session_id) d
            ON d.session_id = s.session_id
        """;

    /// <summary>Copies <paramref name="workspace"/>'s rows from <paramref name="store"/> into new tables of the database.</summary>
    public static async Task FillAsync(ITenantQueries store, WorkspaceId workspace, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var collation = new NpgsqlCommand(
            $"CREATE COLLATION {LocaleCollation} (provider = icu, locale = 'und-u-ka-shifted-kn-kf-upper')", connection))
        {
            await collation.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        foreach (var table in new[] { "sessions", "deployments" })
        {
            await store.QueryAsync(workspace, $"SELECT * FROM {table}", reader => CopyAsync(reader, table, connection), TestContext.Current.CancellationToken);
        }

        await using var analyze = new NpgsqlCommand("ANALYZE sessions; ANALYZE deployments", connection);
        await analyze.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await using var facts = new NpgsqlCommand(FactViews, connection);
        await facts.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Runs statements on the DuckDB store as <paramref name="workspace"/>, the product's tenant path.</summary>
    public static QueryRun DuckDb(DuckDbStore store, WorkspaceId workspace) =>
        (sql, parameters, read) => store.QueryAsync(workspace, sql, parameters, read, TestContext.Current.CancellationToken);

    /// <summary>
    /// Runs statements on PostgreSQL with the values bound by name, as the PostgreSQL store binds them: an instant as
    /// <c>timestamp</c> (the columns hold UTC without a zone), so no session time zone shifts it.
    /// </summary>
    public static QueryRun PostgreSql(string connectionString) => async (sql, parameters, read) =>
    {
        var withZone = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = SessionTimeZone }.ConnectionString;
        await using var connection = new NpgsqlConnection(withZone);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is DateTime instant
                ? new NpgsqlParameter(name, NpgsqlDbType.Timestamp) { Value = DateTime.SpecifyKind(instant, DateTimeKind.Unspecified) }
                : new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        return await read(reader);
    };

    private static async Task<long> CopyAsync(DbDataReader reader, string table, NpgsqlConnection connection)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => (Name: reader.GetName(i), Type: TypeOf(reader.GetFieldType(i)))).ToList();
        var definitions = columns.Select(c => $"{c.Name} {c.Type.Sql}{(c.Type.Sql == "text" ? $" COLLATE {LocaleCollation}" : "")}");
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} ({string.Join(", ", definitions)})", connection))
        {
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var rows = 0L;
        await using (var import = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                await import.StartRowAsync(TestContext.Current.CancellationToken);
                for (var i = 0; i < columns.Count; i++)
                {
                    if (reader.IsDBNull(i))
                    {
                        await import.WriteNullAsync(TestContext.Current.CancellationToken);
                    }
                    else
                    {
                        var value = reader.GetValue(i);
                        await import.WriteAsync(value is DateTime time ? DateTime.SpecifyKind(time, DateTimeKind.Unspecified) : value,
                            columns[i].Type.Db, TestContext.Current.CancellationToken);
                    }
                }

                rows++;
            }

            await import.CompleteAsync(TestContext.Current.CancellationToken);
        }

        return rows;
    }

    private static (string Sql, NpgsqlDbType Db) TypeOf(Type type) =>
        type == typeof(string) ? ("text", NpgsqlDbType.Text)
        : type == typeof(DateTime) ? ("timestamp", NpgsqlDbType.Timestamp)
        : type == typeof(int) ? ("integer", NpgsqlDbType.Integer)
        : throw new NotSupportedException($"no PostgreSQL column type for {type.Name}");
}
