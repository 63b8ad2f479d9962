using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Query.Tests.Twins;

/// <summary>One workspace's rows in a DuckDB store and, copied, in a PostgreSQL database; with filter values taken from its data.</summary>
public sealed class TwinSet : IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly Dictionary<string, object?> _samples = new(StringComparer.Ordinal);

    private TwinSet(TestStore store, WorkspaceId workspace, PostgresDatabase database, DialectTwins twins)
    {
        Store = store;
        Workspace = workspace;
        _database = database;
        Twins = twins;
    }

    public TestStore Store { get; }

    public WorkspaceId Workspace { get; }

    public DialectTwins Twins { get; }

    /// <summary>A country, a line, a conversation and version and a window that the data has (its busiest), by name.</summary>
    public object? Sample(string name) => _samples[name];

    /// <summary>Copies <paramref name="workspace"/> of <paramref name="store"/> into a new database of <paramref name="server"/>.</summary>
    public static async Task<TwinSet> CreateAsync(TestStore store, WorkspaceId workspace, PostgresServer server)
    {
        var database = new PostgresDatabase(server);
        await database.InitializeAsync();
        var set = new TwinSet(store, workspace, database, new DialectTwins(
            PostgresTwin.DuckDb(store.Store, workspace), PostgresTwin.PostgreSql(server.IsRunning ? database.ConnectionString : "")));
        if (server.IsRunning)
        {
            await PostgresTwin.FillAsync(store.Store, workspace, database.ConnectionString);
        }

        var busiest = (await store.RowsAsync("""
            SELECT (SELECT user_country_code FROM sessions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS country,
                   (SELECT line_whatsapp_number FROM deployments GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS line,
                   (SELECT conversation_id FROM deployments GROUP BY 1, conversation_version ORDER BY count(*) DESC, 1, 2 LIMIT 1) AS conversation_id,
                   (SELECT conversation_version FROM deployments GROUP BY conversation_id, 1 ORDER BY count(*) DESC, conversation_id, 1 LIMIT 1)
                       AS conversation_version,
                   (SELECT date_trunc('day', min(session_started_timestamp)) + INTERVAL 2 DAY FROM sessions) AS "from",
                   (SELECT date_trunc('day', min(session_started_timestamp)) + INTERVAL 9 DAY + INTERVAL 90 MINUTE FROM sessions) AS "to"
            """, workspace.Value)).Single();
        foreach (var (name, value) in busiest)
        {
            set._samples[name] = value;
        }

        return set;
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Store.Dispose();
    }
}
