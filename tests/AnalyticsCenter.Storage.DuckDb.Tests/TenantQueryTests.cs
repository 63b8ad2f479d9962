using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>Tenant SQL: one workspace's two tables, read-only, nothing else.</summary>
public sealed class TenantQueryTests : IDisposable
{
    private readonly TestStore _store = new(new DuckDbStoreOptions { QueryTimeout = TimeSpan.FromMilliseconds(500) });

    public TenantQueryTests()
    {
        var acme = new EventLines("acme");
        var globex = new EventLines("globex", phone: "14155552671");
        _store.Ingest(
            acme.Inbound("12:00:00", "acme secret"), acme.DeploymentCreated("12:10:00", "dep-a"),
            globex.Inbound("12:00:00", "globex secret"), globex.DeploymentCreated("12:10:00", "dep-g"), globex.Status("12:11:00", "dep-g", "delivered"));
        _store.Refresh("12:30:00");
    }

    [Fact]
    public void A_workspace_sees_only_its_own_rows()
    {
        Assert.Equal("acme secret", Assert.Single(_store.Rows("SELECT first_message FROM sessions"))["first_message"]);
        Assert.Equal("dep-a", Assert.Single(_store.Rows("SELECT deployment_id FROM deployments"))["deployment_id"]);
        Assert.Equal(2, _store.Rows("SELECT * FROM sessions", "globex").Count);
        Assert.Empty(_store.Rows("SELECT * FROM sessions WHERE first_message = 'globex secret' OR user_country_code = '+1'"));
    }

    [Fact]
    public void The_tables_have_the_contract_columns_in_order_and_no_workspace_column()
    {
        var sessions = _store.Rows("SELECT * FROM sessions")[0].Keys;
        Assert.Equal(
            ["session_id", "parent_session_id", "session_started_timestamp", "session_finished_timestamp", "session_type", "session_status",
             "conversation_id", "conversation_version", "user_country_code", "user_cellphone", "line_whatsapp_number", "line_whatsapp_display_name",
             "first_message_timestamp", "first_message", "last_message_timestamp", "last_message", "last_node_id", "meta_source_url",
             "meta_source_type", "meta_source_id", "meta_source_headline", "meta_source_body", "meta_source_media_type", "meta_source_media_url",
             "meta_source_thumbnail_url", "whatsapp_link_campaign_name", "whatsapp_link_campaign_source", "session_end_reason"],
            sessions);
        Assert.Equal(
            ["conversation_id", "conversation_version", "user_country_code", "user_cellphone", "deployment_timestamp", "delivery_status",
             "status_detail", "deployment_delivered_timestamp", "session_id", "deployment_id", "line_whatsapp_number", "campaign_name"],
            _store.Rows("SELECT * FROM deployments")[0].Keys);
    }

    [Theory]
    [InlineData("WITH d AS (SELECT * FROM deployments) SELECT count(*) AS n FROM d")]
    [InlineData("SELECT s.session_id, d.deployment_id FROM sessions s LEFT JOIN deployments d ON d.session_id = s.session_id")]
    [InlineData("SELECT session_id, row_number() OVER (PARTITION BY user_cellphone ORDER BY session_started_timestamp) AS n FROM sessions")]
    [InlineData("SELECT * FROM sessions WHERE session_id IN (SELECT session_id FROM deployments)")]
    [InlineData("SELECT date_trunc('day', session_started_timestamp) AS day, avg(epoch(session_finished_timestamp) - epoch(session_started_timestamp)) FROM sessions GROUP BY 1")]
    [InlineData("SELECT r.range AS day FROM range(3) r")]
    [InlineData("select upper(session_type) from SESSIONS;")]
    [InlineData("SELECT session_started_timestamp AT TIME ZONE 'UTC' AT TIME ZONE 'America/Bogota' AS local FROM sessions")]
    public void Ordinary_selects_run(string sql) => _store.Rows(sql);

    [Theory]
    [InlineData("INSERT INTO sessions (session_id) VALUES ('x')")]
    [InlineData("UPDATE sessions SET first_message = 'x'")]
    [InlineData("DELETE FROM sessions")]
    [InlineData("DROP TABLE sessions")]
    [InlineData("CREATE TABLE t AS SELECT 1")]
    [InlineData("SELECT 1; DELETE FROM sessions")]
    [InlineData("SELECT 1; SELECT 2")]
    [InlineData("SELECT * FROM ac.events")]
    [InlineData("SELECT * FROM ac.sessions")]
    [InlineData("SELECT * FROM main.sessions")]
    [InlineData("SELECT * FROM temp.main.sessions")]
    [InlineData("SELECT * FROM information_schema.tables")]
    [InlineData("SELECT * FROM duckdb_tables()")]
    [InlineData("SELECT * FROM duckdb_settings()")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("SELECT * FROM '/etc/passwd'")]
    [InlineData("SELECT * FROM glob('/*')")]
    [InlineData("SELECT * FROM read_text('/etc/hostname')")]
    [InlineData("SELECT * FROM query('SELECT * FROM ac.events')")]
    [InlineData("SELECT getenv('HOME')")]
    [InlineData("SELECT current_setting('threads')")]
    [InlineData("SELECT nextval('s')")]
    [InlineData("SELECT ac.session_key('a', 1, 'b', 'c')")]
    [InlineData("SELECT main.getenv('HOME')")]
    [InlineData("SET threads = 1")]
    [InlineData("RESET threads")]
    [InlineData("ATTACH '/tmp/x.duckdb' AS x")]
    [InlineData("COPY sessions TO '/tmp/x.csv'")]
    [InlineData("EXPORT DATABASE '/tmp/x'")]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("PRAGMA database_list")]
    [InlineData("CHECKPOINT")]
    [InlineData("SELECT * FROM events")]
    [InlineData("DESCRIBE sessions")]
    [InlineData("")]
    public void Anything_else_is_refused_in_words_and_changes_nothing(string sql)
    {
        var refusal = Assert.Throws<QueryRefusedException>(() => _store.Rows(sql));
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        Assert.Single(_store.Rows("SELECT * FROM sessions"));
        Assert.Equal(2, _store.Rows("SELECT * FROM sessions", "globex").Count);
    }

    [Fact]
    public async Task Queries_of_different_workspaces_run_side_by_side_and_each_sees_its_own_rows()
    {
        var queries = Enumerable.Range(0, 8).Select(i =>
        {
            var workspace = i % 2 == 0 ? "acme" : "globex";
            return Task.Run(() => (workspace, rows: _store.Rows("SELECT first_message FROM sessions WHERE first_message IS NOT NULL", workspace)));
        });
        foreach (var (workspace, rows) in await Task.WhenAll(queries))
        {
            Assert.Equal($"{workspace} secret", Assert.Single(rows)["first_message"]);
        }
    }

    [Fact]
    public void A_query_over_its_time_limit_is_interrupted_with_a_clear_error()
    {
        var error = Assert.Throws<QueryTimedOutException>(() => _store.Rows("SELECT count(*) FROM range(100000) a, range(100000) b WHERE a.range + b.range = -1"));
        Assert.Contains("time limit", error.Message, StringComparison.Ordinal);
        Assert.Single(_store.Rows("SELECT * FROM sessions"));
    }

    [Fact]
    public async Task Named_parameters_carry_values_and_cannot_widen_the_query()
    {
        var parameters = new Dictionary<string, object?> { ["type"] = "INBOUND", ["text"] = "x' OR 1=1 --" };
        var rows = await _store.Store.QueryAsync(
            WorkspaceId.Parse("acme"), "SELECT count(*) AS n, count(*) FILTER (WHERE first_message = $text) AS injected FROM sessions WHERE session_type = $type",
            parameters, TestStore.ReadAll, TestContext.Current.CancellationToken);
        Assert.Equal((1L, 0L), ((long)rows[0]["n"]!, (long)rows[0]["injected"]!));
    }

    [Fact]
    public void A_query_that_cannot_run_fails_with_the_database_reason()
    {
        var error = Assert.Throws<QueryFailedException>(() => _store.Rows("SELECT no_such_column FROM sessions"));
        Assert.Contains("no_such_column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_store_answers_queries()
    {
        _store.Store.Dispose();
        using (var reader = DuckDbStore.Open(_store.DatabasePath, new DuckDbStoreOptions { ReadOnly = true }))
        {
            var rows = await reader.QueryAsync(WorkspaceId.Parse("acme"), "SELECT count(*) AS n FROM sessions", TestStore.ReadAll, TestContext.Current.CancellationToken);
            Assert.Equal(1L, rows[0]["n"]);
        }

        _store.Reopen();
    }

    public void Dispose() => _store.Dispose();
}
