using System.Globalization;
using System.Text;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// A PostgreSQL store on a database of its own, owned by an ordinary role, with a clock the test sets; dropped afterwards.
/// Reads the two tables back as their owner (the tenant query path is another part's), one line per row.
/// </summary>
internal sealed class PgTestStore : IAsyncDisposable
{
    /// <summary>The tenant-visible columns, in the documented order.</summary>
    public const string SessionColumns =
        "session_id, parent_session_id, session_started_timestamp, session_finished_timestamp, session_type, session_status, " +
        "conversation_id, conversation_version, user_country_code, user_cellphone, line_whatsapp_number, line_whatsapp_display_name, " +
        "first_message_timestamp, first_message, last_message_timestamp, last_message, last_node_id, meta_source_url, meta_source_type, " +
        "meta_source_id, meta_source_headline, meta_source_body, meta_source_media_type, meta_source_media_url, meta_source_thumbnail_url, " +
        "whatsapp_link_campaign_name, whatsapp_link_campaign_source, session_end_reason";

    public const string DeploymentColumns =
        "conversation_id, conversation_version, user_country_code, user_cellphone, deployment_timestamp, delivery_status, status_detail, " +
        "deployment_delivered_timestamp, session_id, deployment_id, line_whatsapp_number, campaign_name";

    private PgTestStore(OwnedDatabase database, PostgresStore store, PostgresStoreOptions options, FixedTimeProvider time)
    {
        Database = database;
        Store = store;
        Options = options;
        Time = time;
    }

    public OwnedDatabase Database { get; }

    public PostgresStore Store { get; private set; }

    public PostgresStoreOptions Options { get; }

    public FixedTimeProvider Time { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PgTestStore> CreateAsync(PostgresServer server, PostgresStoreOptions? options = null)
    {
        var database = await OwnedDatabase.CreateAsync(server, Ct);
        var time = new FixedTimeProvider(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));
        options ??= new PostgresStoreOptions();
        return new PgTestStore(database, await PostgresStore.OpenAsync(database.ConnectionString, options, time, Ct), options, time);
    }

    /// <summary>Another store on the same database, as another process opens it.</summary>
    public Task<PostgresStore> OpenAnotherAsync() => PostgresStore.OpenAsync(Database.ConnectionString, Options, Time, Ct);

    public Task<IngestReport> IngestAsync(params IEnumerable<string> lines) => IngestTextAsync(string.Join('\n', lines) + "\n");

    public Task<IngestReport> IngestTextAsync(string ndjson, string source = "test.ndjson") =>
        Store.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), new IngestOptions { Source = source }, Ct);

    public Task<RefreshReport> RefreshAsync(string asOf) => Store.RefreshAsync(EventLines.Utc(asOf), Ct);

    /// <summary>The kept rejections of every workspace, newest first, as their line number, reason and raw text.</summary>
    public Task<List<(long? Line, string Reason, string Raw)>> RejectionsAsync() =>
        Store.ReadRejectionsAsync(null, async reader =>
        {
            var rows = new List<(long?, string, string)>();
            var (line, reason, raw) = (reader.GetOrdinal("line_number"), reader.GetOrdinal("reason"), reader.GetOrdinal("raw"));
            while (await reader.ReadAsync(Ct))
            {
                rows.Add((reader.IsDBNull(line) ? null : reader.GetInt64(line), reader.GetString(reason), reader.GetString(raw)));
            }

            return rows;
        }, Ct);

    /// <summary>The workspace's sessions, one line each (values joined by |, NULL spelled out), in a fixed order.</summary>
    public Task<List<string>> SessionsAsync(string workspace = "acme") =>
        RowsAsync($"SELECT {SessionColumns} FROM analytics.sessions WHERE workspace_id = @ws", workspace);

    public Task<List<string>> DeploymentsAsync(string workspace = "acme") =>
        RowsAsync($"SELECT {DeploymentColumns} FROM analytics.deployments WHERE workspace_id = @ws", workspace);

    /// <summary>
    /// The workspace's rows whose facts kept for the reports differ from what the rows say (a deployment's session by its
    /// id, a session's campaign from the deployments with its id), one line each: none when the refresh keeps them right.
    /// </summary>
    public Task<List<string>> FactsUnlikeTheirRowsAsync(string workspace = "acme") =>
        RowsAsync("""
            SELECT 'deployment', d.deployment_id FROM analytics.deployments d
            LEFT JOIN analytics.sessions s ON s.workspace_id = d.workspace_id AND s.session_id = d.session_id
            WHERE d.workspace_id = @ws
              AND (d.session_started_timestamp IS DISTINCT FROM s.session_started_timestamp
                   OR d.session_finished_timestamp IS DISTINCT FROM s.session_finished_timestamp
                   OR d.session_replied <> coalesce(s.first_message_timestamp IS NOT NULL, false))
            UNION ALL
            SELECT 'session', s.session_id FROM analytics.sessions s
            WHERE s.workspace_id = @ws
              AND s.deployment_campaign_name IS DISTINCT FROM (SELECT max(d.campaign_name) FROM analytics.deployments d
                                                               WHERE d.workspace_id = s.workspace_id AND d.session_id = s.session_id)
            """, workspace);

    /// <summary>The rows of <paramref name="sql"/> (a parameter @ws), each as one line, sorted by code point.</summary>
    public async Task<List<string>> RowsAsync(string sql, string workspace = "acme")
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ws", workspace);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.IsDBNull(i) ? null : reader.GetValue(i)))));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>A value as both stores' rows are compared: timestamps to the microsecond, NULL spelled out.</summary>
    public static string Text(object? value) => value switch
    {
        null or DBNull => "NULL",
        DateTime at => at.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "NULL",
    };

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Database.DisposeAsync();
    }
}
