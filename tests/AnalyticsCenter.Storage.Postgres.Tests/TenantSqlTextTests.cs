namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// The text check on its own: what it lets through and what it refuses, naming the function or table, wherever in the
/// statement the name stands and however it is written.
/// </summary>
public sealed class TenantSqlTextTests
{
    [Theory]
    [InlineData("SELECT * FROM sessions")]
    [InlineData("TABLE deployments")]
    [InlineData("select upper(session_type) from SESSIONS; -- the trailing semicolon and comment are fine")]
    [InlineData("SELECT s.session_id, d.deployment_id FROM sessions s LEFT JOIN deployments d ON left(d.user_cellphone, 3) = s.user_cellphone")]
    [InlineData("SELECT * FROM (sessions s JOIN deployments d USING (user_cellphone)) j NATURAL JOIN deployments")]
    [InlineData("SELECT EXTRACT(year FROM session_started_timestamp), SUBSTRING(first_message FROM 2 FOR 3), TRIM(BOTH 'x' FROM first_message), " +
        "POSITION('a' IN first_message), OVERLAY(first_message PLACING 'x' FROM 1 FOR 1) FROM sessions")]
    [InlineData("SELECT CAST(1.5 AS numeric(10, 2)), 2::character varying(10), now()::timestamp(3) with time zone, interval '1' day to second(3)")]
    [InlineData("SELECT count(*) FILTER (WHERE session_type = 'INBOUND'), percentile_cont(0.5) WITHIN GROUP (ORDER BY 1), " +
        "rank() OVER w FROM sessions WINDOW w AS (PARTITION BY user_cellphone)")]
    [InlineData("SELECT COALESCE(NULLIF(first_message, ''), 'none'), GREATEST(1, 2), LEAST(1, 2), ARRAY(SELECT 1), ARRAY[1], ROW(1, 2), " +
        "1 IN (1, 2), 1 = ANY (ARRAY[1]), 1 = ALL (SELECT 1), EXISTS (SELECT FROM deployments) FROM sessions")]
    [InlineData("SELECT * FROM sessions WHERE first_message IS DISTINCT FROM 'x' AND user_cellphone IS NOT DISTINCT FROM '1'")]
    [InlineData("SELECT g, o FROM generate_series(1, 3) WITH ORDINALITY AS t(g, o), ROWS FROM (unnest(ARRAY[1]), generate_series(1, 2)) r")]
    [InlineData("SELECT * FROM sessions TABLESAMPLE SYSTEM (50) REPEATABLE (1), LATERAL (SELECT session_id) x")]
    [InlineData("SELECT current_date, current_timestamp(3), localtime, now() AT TIME ZONE 'UTC'")]
    [InlineData("WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM b WHERE x < 3) SELECT * FROM a")]
    [InlineData("WITH a AS (SELECT 1), b AS (SELECT * FROM a) SELECT * FROM (SELECT * FROM b) x, LATERAL (SELECT * FROM a) y")]
    [InlineData("WITH pg_class AS (SELECT 1) SELECT * FROM pg_class")]
    [InlineData("WITH A AS (SELECT 1) SELECT * FROM \"a\"")]
    [InlineData("SELECT * FROM U&\"sessions\", U&\"!0064eployments\" UESCAPE '!'")]
    [InlineData("SELECT 1 AS U&\"a\\b!0063\" UESCAPE '!' FROM U&\"sessions\"")]
    [InlineData("SELECT U&\"\\0075pper\"('x'), \"lower\"('X'), upper /* a comment */ ('x'), s.\"user\", s.current_user FROM sessions s")]
    [InlineData("SELECT 'pg_read_file(' AS text, $q$ pg_sleep(1) $q$, E'\\' pg_ls_dir(', \"pg_sleep\" FROM sessions /* pg_class( */")]
    [InlineData("(SELECT session_id FROM sessions) UNION ALL VALUES ('x') ORDER BY 1 FETCH FIRST (1) ROWS ONLY")]
    [InlineData("SELECT * FROM sessions WHERE session_type = @type AND 1.5e3 > .5")]
    public void An_ordinary_select_passes(string sql) => Assert.Null(TenantSqlText.Check(sql, 10_000, out _));

    [Theory]
    // Qualified calls: another schema's function, or the catalog's own name for an allowed one.
    [InlineData("SELECT pg_catalog.upper('x')", "pg_catalog.upper")]
    [InlineData("SELECT public.upper('x')", "public.upper")]
    [InlineData("SELECT tenant.lower(first_message) FROM sessions", "tenant.lower")]
    [InlineData("SELECT \"pg_catalog\" . /* */ \"pg_sleep\" (1)", "pg_catalog.pg_sleep")]
    [InlineData("SELECT information_schema._pg_char_max_length(1, 1)", "information_schema._pg_char_max_length")]
    // Quoted and Unicode-escaped names.
    [InlineData("SELECT \"pg_read_file\"('/etc/passwd')", "pg_read_file() is not allowed: it is not among the functions")]
    [InlineData("SELECT \"pg_sleep\"(1)", "pg_sleep() is not allowed: it reads or changes the server itself")]
    [InlineData("SELECT \"coalesce\"(1)", "coalesce")]
    [InlineData("SELECT U&\"\\0070g_read_file\"('/etc/passwd')", "pg_read_file")]
    [InlineData("SELECT U&\"!0070g_ls_dir\" UESCAPE '!' ('.')", "pg_ls_dir")]
    [InlineData("SELECT U&\"\\+000070g_stat_file\"('x')", "pg_stat_file")]
    // Comments and line breaks between the name and its parenthesis.
    [InlineData("SELECT pg_sleep/* the name ends here */(1)", "pg_sleep")]
    [InlineData("SELECT set_config -- a comment\n ('role', 'none', false)", "set_config")]
    // Calls hidden in casts, defaults, lateral items, subqueries, CTE bodies and FROM.
    [InlineData("SELECT CAST(current_setting('data_directory') AS text)", "current_setting")]
    [InlineData("SELECT 1::numeric(10, pg_backend_pid())", "pg_backend_pid")]
    [InlineData("SELECT COALESCE(first_message, query_to_xml('SELECT 1', true, false, '')::text) FROM sessions", "query_to_xml")]
    [InlineData("SELECT make_interval(days => txid_current()::int)", "txid_current")]
    [InlineData("SELECT CASE WHEN true THEN 'x' ELSE version() END", "version")]
    [InlineData("SELECT * FROM sessions, LATERAL (SELECT lo_import('/etc/passwd')) x", "lo_import")]
    [InlineData("SELECT (SELECT (SELECT has_table_privilege('analytics.sessions', 'select')))", "has_table_privilege")]
    [InlineData("WITH a AS (SELECT * FROM sessions WHERE dblink_exec('x') IS NULL) SELECT * FROM a", "dblink_exec")]
    [InlineData("WITH RECURSIVE a(n) AS (SELECT 1 UNION SELECT n FROM a) CYCLE n SET c USING p SELECT pg_sleep(1)", "pg_sleep")]
    [InlineData("SELECT * FROM pg_ls_dir('.')", "pg_ls_dir")]
    [InlineData("SELECT * FROM ROWS FROM (generate_series(1, 2), pg_ls_dir('.'))", "pg_ls_dir")]
    [InlineData("SELECT count(*) FROM sessions WHERE pg_sleep(1) IS NULL", "pg_sleep")]
    [InlineData("SELECT * FROM sessions s JOIN deployments d ON pg_sleep(1) IS NULL", "pg_sleep")]
    [InlineData("SELECT * FROM sessions TABLESAMPLE SYSTEM (pg_backend_pid())", "pg_backend_pid")]
    [InlineData("SELECT * FROM sessions AS s (pg_sleep(1))", "pg_sleep")]
    [InlineData("SELECT * FROM sessions s JOIN deployments d USING (pg_sleep(1))", "pg_sleep")]
    [InlineData("SELECT xmlelement(name x, 1)", "xmlelement")]
    [InlineData("SELECT 1 OPERATOR(pg_catalog.+) 1", "operator")]
    // Keywords the parser calls with no parentheses.
    [InlineData("SELECT current_user", "current_user")]
    [InlineData("SELECT session_user", "session_user")]
    [InlineData("SELECT first_message FROM sessions WHERE user = 'x'", "user")]
    [InlineData("SELECT current_schema", "current_schema")]
    // Relations: the catalog, other schemas, names out of scope.
    [InlineData("SELECT reltuples FROM pg_class", "pg_class")]
    [InlineData("SELECT * FROM sessions, pg_stats", "pg_stats")]
    [InlineData("SELECT * FROM sessions JOIN pg_roles ON true", "pg_roles")]
    [InlineData("SELECT * FROM (sessions s CROSS JOIN (pg_proc p JOIN deployments d ON true)) x", "pg_proc")]
    [InlineData("SELECT * FROM ONLY pg_authid", "pg_authid")]
    [InlineData("TABLE pg_shadow", "pg_shadow")]
    [InlineData("SELECT (TABLE pg_user_mappings)", "pg_user_mappings")]
    [InlineData("SELECT * FROM sessions WHERE EXISTS (SELECT FROM pg_stat_activity)", "pg_stat_activity")]
    [InlineData("SELECT * FROM analytics.sessions", "analytics.sessions")]
    [InlineData("SELECT * FROM \"analytics\".\"sessions\"", "analytics.sessions")]
    [InlineData("SELECT * FROM U&\"\\0070g_class\"", "pg_class")]
    [InlineData("SELECT * FROM \"Sessions\"", "Sessions")]
    [InlineData("SELECT * FROM (WITH a AS (SELECT 1) SELECT 1) x, a", "\"a\"")]
    [InlineData("WITH a AS (WITH b AS (SELECT 1) SELECT * FROM b) SELECT * FROM b", "\"b\"")]
    [InlineData("WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a", "\"b\"")]
    [InlineData("WITH pg_class AS (SELECT * FROM pg_class) SELECT * FROM pg_class", "pg_class")]
    [InlineData("WITH \"A\" AS (SELECT 1) SELECT * FROM a", "\"a\"")]
    [InlineData("SELECT * FROM sessions TABLESAMPLE pg_sleep (1)", "pg_sleep")]
    // Statements that do not only read.
    [InlineData("WITH d AS (DELETE FROM sessions RETURNING *) SELECT * FROM d", "WITH d")]
    [InlineData("SELECT * INTO copied FROM sessions", "INTO")]
    public void A_name_off_the_list_is_refused_naming_it(string sql, string named)
    {
        var refusal = TenantSqlText.Check(sql, 10_000, out _);
        Assert.NotNull(refusal);
        Assert.Contains(named, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT U&\"\\00zz\"(1)")]
    [InlineData("SELECT U&\"x\" UESCAPE '+' ")]
    [InlineData("SELECT upper('x'")]
    [InlineData("SELECT upper('x'))")]
    [InlineData("SELECT * FROM '/etc/passwd'")]
    public void Text_PostgreSQL_could_not_parse_is_refused_as_not_valid(string sql) =>
        Assert.StartsWith("the query is not valid SQL", TenantSqlText.Check(sql, 10_000, out _), StringComparison.Ordinal);

    [Fact]
    public void A_query_nested_deeper_than_the_check_reads_is_refused_and_one_within_passes()
    {
        string Nested(int depth) => "SELECT " + new string('(', depth) + "1" + new string(')', depth);

        Assert.Null(TenantSqlText.Check(Nested(200), 100_000, out _));
        Assert.Contains("nests parentheses", TenantSqlText.Check(Nested(30_000), 100_000, out _), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abs")]
    [InlineData("[allow scalar]\nabs\n[allow everything]\nmd5")]
    [InlineData("[allow scalar]\nabs\n[construct]\nabs")]
    [InlineData("[allow scalar]\nmd5 now")]
    [InlineData("[allow scalar]\nMD5")]
    [InlineData("[refuse]\npg_sleep")]
    [InlineData("[refuse] why\npg sleep")]
    public void A_list_that_does_not_follow_the_format_is_an_error(string text) =>
        Assert.Throws<FormatException>(() => TenantFunctionList.Parse(text));
}
