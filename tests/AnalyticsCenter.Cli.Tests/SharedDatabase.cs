using System.Text;
using AnalyticsCenter.Demo;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>A PostgreSQL database several <c>analytics</c> processes share: the URL they are given, and what the test reads behind them.</summary>
internal static class SharedDatabase
{
    /// <summary>The <c>--db</c> URL of the database, as its owning role (what the program runs as).</summary>
    public static string Url(this OwnedDatabase database) =>
        $"postgresql://{database.Owner}:{database.Password}@127.0.0.1:{database.Port}/{database.Name}";

    /// <summary>The rows of <paramref name="sql"/>, run as the owner, each as its values joined by <c>|</c>.</summary>
    public static async Task<IReadOnlyList<string>> RowsAsync(this OwnedDatabase database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row.Append(i == 0 ? "" : "|").Append(reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString());
            }

            rows.Add(row.ToString());
        }

        return rows;
    }

    /// <summary>
    /// Each workspace's tables in a few numbers and checksums, one line a workspace that has events, as the owner reads them in
    /// one snapshot: equal tables, equal fingerprints.
    /// </summary>
    public static Task<IReadOnlyList<string>> TablesFingerprintAsync(this OwnedDatabase database) => database.RowsAsync(
        "SELECT w.workspace_id, s.rows, s.checksum, d.rows, d.checksum FROM (SELECT DISTINCT workspace_id FROM analytics.events) w " +
        "LEFT JOIN (SELECT workspace_id, count(*) AS rows, md5(string_agg(concat_ws('|', session_id, parent_session_id, session_started_timestamp, " +
        "session_finished_timestamp, session_type, session_status, first_message, last_message, last_node_id, session_end_reason), " +
        "',' ORDER BY session_id)) AS checksum FROM analytics.sessions GROUP BY workspace_id) s USING (workspace_id) " +
        "LEFT JOIN (SELECT workspace_id, count(*) AS rows, md5(string_agg(concat_ws('|', deployment_id, deployment_timestamp, delivery_status, " +
        "status_detail, deployment_delivered_timestamp, session_id), ',' ORDER BY deployment_id)) AS checksum " +
        "FROM analytics.deployments GROUP BY workspace_id) d USING (workspace_id) ORDER BY w.workspace_id");

    /// <summary>
    /// Writes <paramref name="count"/> demo events of three workspaces into <paramref name="folder"/>, all a day old or more,
    /// so a refresh as of any instant from now on gives the same tables; the file's path.
    /// </summary>
    public static string WriteRecentDemoEvents(string folder, long count)
    {
        var path = Path.Combine(folder, $"events-{count}.ndjson");
        if (!File.Exists(path))
        {
            using var file = File.Create(path);
            var options = new DemoOptions { Events = count, End = DateTimeOffset.UtcNow.AddDays(-1), Period = TimeSpan.FromDays(3), Seed = 5 };
            new DemoEventGenerator(options).Write(file);
        }

        return path;
    }
}
