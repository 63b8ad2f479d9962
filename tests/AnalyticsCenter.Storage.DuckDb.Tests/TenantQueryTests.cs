using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>
/// Tenant SQL in DuckDB's dialect: its queries run, its catalog and engine functions are refused by name, within a time
/// limit (the conformance suite checks what both stores share).
/// </summary>
public sealed class TenantQueryTests : IAsyncLifetime
{
    private readonly TestStore _store = new(new DuckDbStoreOptions { QueryTimeout = TimeSpan.FromMilliseconds(500) });

    public async ValueTask InitializeAsync()
    {
        var acme = new EventLines("acme");
        var globex = new EventLines("globex", phone: "14155552671");
        await _store.IngestAsync(
            acme.Inbound("12:00:00", "acme secret"), acme.DeploymentCreated("12:10:00", "dep-a"),
            globex.Inbound("12:00:00", "globex secret"), globex.DeploymentCreated("12:10:00", "dep-g"), globex.Status("12:11:00", "dep-g", "delivered"));
        await _store.RefreshAsync("12:30:00");
    }

    [Theory]
    [InlineData("WITH d AS (SELECT * FROM deployments) SELECT count(*) AS n FROM d")]
    [InlineData("SELECT s.session_id, d.deployment_id FROM sessions s LEFT JOIN deployments d ON d.session_id = s.session_id")]
    [InlineData("SELECT session_id, row_number() OVER (PARTITION BY user_cellphone ORDER BY session_started_timestamp) AS n FROM sessions")]
    [InlineData("SELECT * FROM sessions WHERE session_id IN (SELECT session_id FROM deployments)")]
    [InlineData("SELECT date_trunc('day', session_started_timestamp) AS day, " +
        "avg(epoch(session_finished_timestamp) - epoch(session_started_timestamp)) FROM sessions GROUP BY 1")]
    [InlineData("SELECT r.range AS day FROM range(3) r")]
    [InlineData("select upper(session_type) from SESSIONS;")]
    [InlineData("SELECT session_started_timestamp AT TIME ZONE 'UTC' AT TIME ZONE 'America/Bogota' AS local FROM sessions")]
    public void Ordinary_selects_run(string sql) => _store.RowsAsync(sql);

    [Theory]
    [InlineData("SELECT stats(first_message) FROM sessions", "stats()")]
    [InlineData("SELECT STATS(session_started_timestamp) FROM sessions", "stats()")]
    [InlineData("SELECT \"stats\"(first_message) FROM sessions", "stats()")]
    [InlineData("SELECT main.stats(first_message) FROM sessions", "main.stats()")]
    [InlineData("SELECT system.main.stats(first_message) FROM sessions", "system.main.stats()")]
    [InlineData("SELECT pg_catalog.stats(first_message) FROM sessions", "pg_catalog.stats()")]
    [InlineData("SELECT (SELECT stats(first_message) FROM sessions LIMIT 1)", "stats()")]
    [InlineData("SELECT * FROM sessions WHERE first_message IN (SELECT stats(first_message) FROM deployments, sessions)", "stats()")]
    [InlineData("WITH s AS (SELECT stats(session_id) AS x FROM sessions) SELECT * FROM s", "stats()")]
    [InlineData("SELECT * FROM sessions ORDER BY stats(first_message)", "stats()")]
    [InlineData("SELECT vector_type(first_message) FROM sessions", "vector_type()")]
    [InlineData("SELECT list_aggregate([first_message], 'stats') FROM sessions", "list_aggregate()")]
    [InlineData("SELECT sum(1) EXPORT_STATE FROM sessions", "EXPORT_STATE")]
    [InlineData("SELECT main.upper(first_message) FROM sessions", "main.upper()")]
    [InlineData("SELECT pg_catalog.upper(first_message) FROM sessions", "pg_catalog.upper()")]
    [InlineData("SELECT current_setting('temp_directory')", "current_setting()")]
    [InlineData("SELECT getvariable('x')", "getvariable()")]
    [InlineData("SELECT version()", "version()")]
    [InlineData("SELECT current_query()", "current_query()")]
    [InlineData("SELECT current_database()", "current_database()")]
    [InlineData("SELECT get_block_size('analytics')", "get_block_size()")]
    [InlineData("SELECT json_serialize_sql('SELECT 1')", "json_serialize_sql()")]
    [InlineData("SELECT txid_current()", "txid_current()")]
    [InlineData("SELECT setseed(0.5)", "setseed()")]
    [InlineData("SELECT pg_sleep(1)", "pg_sleep()")]
    [InlineData("SELECT make_type('VARCHAR')", "make_type()")]
    [InlineData("SELECT count(*) FROM sessions WHERE in_search_path('memory', 'main')", "in_search_path()")]
    [InlineData("SELECT current_schema", "current_schema()")]
    [InlineData("SELECT \"user\"", "user()")]
    [InlineData("SELECT upper(CURRENT_CATALOG) FROM sessions", "current_catalog()")]
    [InlineData("SELECT * FROM range(length(current_catalog))", "current_catalog()")]
    [InlineData("SELECT * FROM sessions, LATERAL duckdb_tables()", "duckdb_tables()")]
    [InlineData("SELECT (SELECT count(*) FROM duckdb_settings())", "duckdb_settings()")]
    [InlineData("SELECT * FROM sessions WHERE EXISTS (SELECT * FROM pragma_database_size())", "pragma_database_size()")]
    [InlineData("SELECT * FROM unnest((SELECT list(table_name) FROM duckdb_tables()))", "duckdb_tables()")]
    [InlineData("WITH t AS (SELECT * FROM pragma_storage_info('ac.sessions')) SELECT * FROM t", "pragma_storage_info()")]
    [InlineData("SELECT * FROM sessions s POSITIONAL JOIN duckdb_memory()", "duckdb_memory()")]
    [InlineData("SELECT * FROM (SELECT 1) s JOIN which_secret('s3://x', 's3') w ON true", "which_secret()")]
    [InlineData("SELECT * FROM system.main.duckdb_tables()", "system.main.duckdb_tables()")]
    [InlineData("SELECT * FROM main.range(3)", "main.range()")]
    [InlineData("SELECT * FROM histogram(sessions, first_message)", "histogram()")]
    [InlineData("SELECT * FROM repeat(1, 3)", "repeat()")]
    [InlineData("SELECT * FROM json_each('{}')", "json_each()")]
    [InlineData("SELECT * FROM range((SELECT count(*) FROM duckdb_columns))", "duckdb_columns")]
    [InlineData("SELECT * FROM pg_catalog.pg_settings", "pg_catalog.pg_settings")]
    public async Task What_reports_on_storage_the_catalog_settings_or_the_engine_is_refused_naming_it(string sql, string named)
    {
        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => _store.RowsAsync(sql));
        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM (WITH duckdb_tables AS (SELECT 1 AS x) SELECT * FROM duckdb_tables) t, duckdb_tables", "duckdb_tables")]
    [InlineData("SELECT * FROM (WITH pg_settings AS (SELECT 1 AS x) SELECT * FROM pg_settings) t, pg_settings", "pg_settings")]
    [InlineData("SELECT * FROM (WITH duckdb_databases AS (SELECT 1 AS x) SELECT * FROM duckdb_databases) t, duckdb_databases", "duckdb_databases")]
    [InlineData("SELECT * FROM (WITH pg_tables AS (SELECT 1 AS x) SELECT * FROM pg_tables) t, pg_tables", "pg_tables")]
    [InlineData("SELECT * FROM (WITH sqlite_master AS (SELECT 1 AS x) SELECT * FROM sqlite_master) t, sqlite_master", "sqlite_master")]
    [InlineData("(WITH duckdb_settings AS (SELECT 1 AS x) SELECT x FROM duckdb_settings) UNION ALL SELECT count(*) FROM duckdb_settings", "duckdb_settings")]
    [InlineData("SELECT 1 UNION ALL (WITH duckdb_settings AS (SELECT 1) SELECT 1) UNION ALL SELECT count(*) FROM duckdb_settings", "duckdb_settings")]
    [InlineData("SELECT (WITH duckdb_databases AS (SELECT 1 AS x) SELECT x FROM duckdb_databases), (SELECT count(*) FROM duckdb_databases)",
        "duckdb_databases")]
    [InlineData("SELECT * FROM sessions WHERE EXISTS (WITH pg_settings AS (SELECT 1 AS name) SELECT 1 FROM pg_settings) " +
        "AND session_id IN (SELECT name FROM pg_settings)", "pg_settings")]
    [InlineData("SELECT * FROM (WITH duckdb_views AS (SELECT 1 AS x) SELECT * FROM duckdb_views) a, LATERAL (SELECT * FROM duckdb_views) b", "duckdb_views")]
    [InlineData("WITH a AS (WITH duckdb_tables AS (SELECT 1 AS x) SELECT * FROM duckdb_tables) SELECT * FROM a, duckdb_tables", "duckdb_tables")]
    [InlineData("WITH a AS (WITH duckdb_tables AS (SELECT 1 AS x) SELECT * FROM duckdb_tables), b AS (SELECT * FROM duckdb_tables) SELECT * FROM b",
        "duckdb_tables")]
    [InlineData("WITH a AS (SELECT * FROM duckdb_tables), duckdb_tables AS (SELECT 1 AS x) SELECT * FROM a", "duckdb_tables")]
    [InlineData("WITH duckdb_tables AS (SELECT * FROM duckdb_tables) SELECT * FROM duckdb_tables", "duckdb_tables")]
    [InlineData("WITH RECURSIVE a AS (SELECT * FROM duckdb_settings), duckdb_settings AS (SELECT 1 AS x) SELECT * FROM a", "duckdb_settings")]
    [InlineData("WITH RECURSIVE duckdb_settings AS (SELECT * FROM duckdb_settings) SELECT * FROM duckdb_settings", "duckdb_settings")]
    [InlineData("WITH RECURSIVE duckdb_databases AS (SELECT path FROM duckdb_databases UNION ALL " +
        "SELECT path FROM duckdb_databases WHERE false) SELECT * FROM duckdb_databases", "duckdb_databases")]
    [InlineData("SELECT * FROM (WITH RECURSIVE duckdb_tables(n) AS (SELECT 1 UNION ALL " +
        "SELECT n + 1 FROM duckdb_tables WHERE n < 2) SELECT * FROM duckdb_tables) t, duckdb_tables", "duckdb_tables")]
    [InlineData("SELECT * FROM range((WITH duckdb_tables AS (SELECT 1 AS x) SELECT x FROM duckdb_tables)), duckdb_tables", "duckdb_tables")]
    [InlineData("SELECT 1 AS x ORDER BY (WITH pg_settings AS (SELECT 1 AS y) SELECT y FROM pg_settings), (SELECT count(*) FROM pg_settings)", "pg_settings")]
    [InlineData("WITH duckdb_tables AS (SELECT 1 AS x) SELECT * FROM main.duckdb_tables", "main.duckdb_tables")]
    public async Task A_CTE_name_is_seen_only_where_its_WITH_reaches_so_it_cannot_stand_for_a_catalog_table(string sql, string table)
    {
        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => _store.RowsAsync(sql));
        Assert.Contains($"table \"{table}\"", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT string_agg(first_message, ',' ORDER BY first_message) FROM sessions", "acme secret")]
    [InlineData("SELECT approx_count_distinct(session_id) + count(DISTINCT session_id) FROM sessions", "2")]
    [InlineData("SELECT quantile_cont(x, 0.5) FROM range(5) t(x)", "2")]
    [InlineData("SELECT percentile_disc(0.75) WITHIN GROUP (ORDER BY x) FROM range(5) t(x)", "3")]
    [InlineData("SELECT arg_max(first_message, session_started_timestamp) FROM sessions", "acme secret")]
    [InlineData("SELECT mode(session_type) FROM sessions", "INBOUND")]
    [InlineData("SELECT regexp_extract(first_message, '^(\\w+) secret$', 1) FROM sessions", "acme")]
    [InlineData("SELECT count(*) FROM sessions WHERE first_message LIKE 'acme%' AND first_message ILIKE 'ACME%' " +
        "AND first_message NOT LIKE '%!%%' ESCAPE '!' AND first_message SIMILAR TO 'a.*t'", "1")]
    [InlineData("SELECT strftime(TIMESTAMPTZ '2026-01-01 12:00:00+00' AT TIME ZONE 'America/Bogota', '%H:%M')", "07:00")]
    [InlineData("SELECT [10, 20, 30][2:3][1] + [10, 20, 30][-1]", "50")]
    [InlineData("SELECT struct_extract({'kind': 'inbound'}, 'kind') || ({'k': 'x'}).k", "inboundx")]
    [InlineData("SELECT list_sum([x * 2 FOR x IN [1, 2, 3] IF x > 1])", "10")]
    [InlineData("SELECT json_extract_string('{\"a\": {\"b\": \"c\"}}', '$.a.b') || ('{\"n\": 5}'::JSON ->> 'n')", "c5")]
    [InlineData("SELECT lag(x) OVER (ORDER BY x) FROM range(3) t(x) ORDER BY x DESC LIMIT 1", "1")]
    [InlineData("SELECT count(*) FROM sessions WHERE session_type IN ('INBOUND', 'OUTBOUND') AND user_country_code NOT IN ('+1')", "1")]
    [InlineData("SELECT EXTRACT(year FROM DATE '2026-11-20') + date_part('month', DATE '2026-11-20')", "2037")]
    [InlineData("SELECT current_date <= today() AND current_timestamp <= now() + INTERVAL 1 MINUTE AND localtimestamp IS NOT NULL", "True")]
    [InlineData("SELECT trim(BOTH 'x' FROM 'xacmex') || position('c' IN 'acme') || substring('acme' FROM 2 FOR 2)", "acme2cm")]
    [InlineData("SELECT CASE WHEN coalesce(NULL, session_type) = 'INBOUND' THEN nullif(upper(substr(first_message, 1, 4)), '') END FROM sessions", "ACME")]
    [InlineData("SELECT date_trunc('day', session_started_timestamp) = CAST(session_started_timestamp AS DATE) FROM sessions", "True")]
    [InlineData("SELECT length(repeat('ab', 3)) + length(lpad('x', 4, '-'))", "10")]
    [InlineData("SELECT (7 // 2) + (2 ** 3) + abs(-1)", "12")]
    [InlineData("SELECT count(*) FROM (SELECT session_id FROM sessions WINDOW w AS (ORDER BY session_started_timestamp) QUALIFY row_number() OVER w = 1)", "1")]
    [InlineData("SELECT count(*) FROM (SELECT session_type, count(*) FROM sessions GROUP BY ROLLUP (session_type))", "2")]
    [InlineData("SELECT sum(\"INBOUND\") FROM (SELECT session_type FROM sessions) PIVOT (count(*) FOR session_type IN ('INBOUND'))", "1")]
    [InlineData("SELECT (SELECT count(*) FROM generate_series(1, 10)) + (SELECT sum(x) FROM unnest([1, 2, 3]) t(x))", "16")]
    [InlineData("SELECT count(*) FROM sessions s, LATERAL (SELECT d.deployment_id FROM deployments d WHERE d.deployment_id IS NOT NULL) l", "1")]
    [InlineData("SELECT count(*) FROM deployments d WHERE EXISTS (SELECT 1 FROM sessions) AND d.deployment_id IN (SELECT deployment_id FROM deployments)", "1")]
    [InlineData(
        "SELECT (SELECT count(*) FROM (WITH sessions AS (SELECT 1 AS n UNION ALL SELECT 2) SELECT * FROM sessions)) * 10 + (SELECT count(*) FROM sessions)",
        "21")]
    [InlineData("SELECT (SELECT count(*) FROM (WITH sessions AS (SELECT 1 AS n UNION ALL SELECT 2) SELECT * FROM sessions) inner_rows, sessions)", "2")]
    [InlineData("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT sum(n) FROM t", "15")]
    [InlineData("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM (SELECT * FROM t) WHERE n < 5) SELECT max(n) FROM t", "5")]
    [InlineData("WITH a AS (SELECT 1 AS x), b AS (WITH c AS (SELECT x + 1 AS y FROM a) SELECT y FROM c) SELECT y FROM b", "2")]
    [InlineData("WITH a AS (SELECT 1 AS x) SELECT sum(x) FROM (SELECT x FROM a UNION ALL SELECT x + 1 FROM a)", "3")]
    [InlineData("WITH d AS (SELECT deployment_id FROM deployments) SELECT (SELECT count(*) FROM d) + " +
        "(SELECT count(*) FROM d WHERE deployment_id IN (SELECT deployment_id FROM d))", "2")]
    public async Task Analyst_queries_run_and_answer_from_the_workspace_rows(string sql, string expected)
    {
        var value = Assert.Single(Assert.Single(await _store.RowsAsync(sql)).Values);
        Assert.Equal(expected, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_query_over_its_time_limit_is_interrupted_with_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<QueryTimedOutException>(
            () => _store.RowsAsync("SELECT count(*) FROM range(100000) a, range(100000) b WHERE a.range + b.range = -1"));
        Assert.Contains("time limit", error.Message, StringComparison.Ordinal);
        Assert.Single(await _store.RowsAsync("SELECT * FROM sessions"));
    }

    [Fact]
    public async Task A_read_only_store_answers_queries()
    {
        _store.Store.Dispose();
        using (var reader = DuckDbStore.Open(_store.DatabasePath, new DuckDbStoreOptions { ReadOnly = true }))
        {
            var rows = await reader.QueryAsync(
                WorkspaceId.Parse("acme"), "SELECT count(*) AS n FROM sessions", TestStore.ReadAll, TestContext.Current.CancellationToken);
            Assert.Equal(1L, rows[0]["n"]);
        }

        _store.Reopen();
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
