using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using Parquet;
using Parquet.Schema;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>Tenant SQL through <see cref="TenantQueries"/>: the text check in front, the workspace's own login role behind.</summary>
public sealed class TenantQueriesTests(TenantStore store) : IClassFixture<TenantStore>, IAsyncDisposable
{
    private static readonly TenantAccessOptions s_options = new() { QueryTimeout = TimeSpan.FromSeconds(1), ParquetRowGroupRows = 1_000 };

    private readonly TenantQueries _queries = new(store.Store, s_options, TimeProvider.System);

    [Fact]
    public async Task A_workspace_sees_only_its_own_rows_in_the_contract_columns()
    {
        var acme = await RowsAsync("SELECT * FROM sessions");
        Assert.Equal(TenantStore.AcmeSecret, Assert.Single(acme)["first_message"]);
        Assert.Equal(ContractColumns.Sessions, acme[0].Keys);
        Assert.Equal(ContractColumns.Deployments, Assert.Single(await RowsAsync("SELECT * FROM deployments")).Keys);
        Assert.Equal(2, (await RowsAsync("SELECT * FROM sessions", TenantStore.Globex)).Count);
        Assert.Empty(await RowsAsync("SELECT * FROM sessions WHERE first_message = 'globex secret' OR user_country_code = '+1'"));
    }

    [Theory]
    [InlineData("WITH d AS (SELECT * FROM deployments) SELECT count(*) AS n FROM d")]
    [InlineData("SELECT s.session_id, d.deployment_id FROM sessions s LEFT JOIN deployments d ON d.user_cellphone = s.user_cellphone")]
    [InlineData("SELECT session_id, row_number() OVER (PARTITION BY user_cellphone ORDER BY session_started_timestamp) AS n FROM sessions")]
    [InlineData("SELECT date_trunc('day', session_started_timestamp) AS day, count(*) FROM sessions GROUP BY 1")]
    [InlineData("SELECT d::date AS day FROM generate_series(timestamp '2026-11-01', timestamp '2026-11-03', interval '1 day') d")]
    [InlineData("select upper(session_type) from SESSIONS; -- the trailing semicolon and comment are fine")]
    [InlineData("SELECT session_started_timestamp AT TIME ZONE 'UTC' AT TIME ZONE 'America/Bogota' AS local FROM sessions")]
    [InlineData("SELECT 'a;b' AS semicolon_in_text, $q$ pg_read_file; DELETE $q$ AS dollar_quoted, \"session_id\" FROM sessions /* ; pg_class */")]
    [InlineData("(SELECT session_id FROM sessions) UNION ALL VALUES ('x')")]
    public async Task Ordinary_selects_run(string sql) => await RowsAsync(sql);

    [Theory]
    [InlineData("")]
    [InlineData("  -- nothing\n")]
    [InlineData("INSERT INTO sessions (session_id) VALUES ('x')")]
    [InlineData("UPDATE sessions SET first_message = 'x'")]
    [InlineData("DELETE FROM sessions")]
    [InlineData("DROP VIEW sessions")]
    [InlineData("CREATE TABLE t AS SELECT 1")]
    [InlineData("SELECT 1; DELETE FROM sessions")]
    [InlineData("SELECT 1; SELECT 2")]
    [InlineData("SET ROLE NONE; SELECT 1")]
    [InlineData("SET statement_timeout = 0")]
    [InlineData("EXPLAIN SELECT * FROM sessions")]
    [InlineData("COPY (SELECT 1) TO PROGRAM 'id'")]
    [InlineData("DO $$ BEGIN PERFORM 1; END $$")]
    [InlineData("SELECT * FROM analytics.sessions")]
    [InlineData("SELECT * FROM \"analytics\".\"sessions\"")]
    [InlineData("SELECT * FROM tenant.sessions")]
    [InlineData("SELECT * FROM information_schema.tables")]
    [InlineData("SELECT * FROM pg_catalog.pg_settings")]
    [InlineData("SELECT reltuples FROM pg_class")]
    [InlineData("SELECT pg_read_file('/etc/passwd')")]
    [InlineData("SELECT lo_import('/etc/passwd')")]
    [InlineData("SELECT dblink('dbname=postgres', 'SELECT 1')")]
    [InlineData("SELECT set_config('role', 'none', false)")]
    [InlineData("SELECT current_setting('data_directory')")]
    [InlineData("SELECT query_to_xml('SELECT * FROM analytics.sessions', true, false, '')")]
    [InlineData("SELECT session_user")]
    [InlineData("SELECT 'unclosed")]
    [InlineData("SELECT 1 /* unclosed")]
    public async Task Anything_else_is_refused_in_words_and_changes_nothing(string sql)
    {
        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => RowsAsync(sql));
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        Assert.Single(await RowsAsync("SELECT * FROM sessions"));
        Assert.Equal(2, (await RowsAsync("SELECT * FROM sessions", TenantStore.Globex)).Count);
    }

    [Theory]
    [InlineData("SELECT * FROM sessions FOR UPDATE", "the query reaches beyond the workspace's tables")]
    [InlineData("SELECT pg_class.relname FROM sessions", "missing FROM-clause entry for table \"pg_class\"")]
    [InlineData("SELECT * FROM sessions WHERE", "the query is not valid SQL: syntax error")]
    public async Task What_passes_the_text_check_still_meets_the_database(string sql, string reason)
    {
        var error = await Assert.ThrowsAsync<QueryRefusedException>(() => RowsAsync(sql));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_over_its_time_limit_is_interrupted_with_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<QueryTimedOutException>(() => RowsAsync("SELECT count(*) FROM generate_series(1, 1000000000) g"));
        Assert.Contains("time limit", error.Message, StringComparison.Ordinal);
        Assert.Single(await RowsAsync("SELECT * FROM sessions"));
    }

    [Fact]
    public async Task Named_parameters_carry_values_and_cannot_widen_the_query()
    {
        var parameters = new Dictionary<string, object?> { ["type"] = "INBOUND", ["text"] = "x' OR 1=1 --" };
        var rows = await _queries.QueryAsync(TenantStore.Acme,
            "SELECT count(*) AS n, count(*) FILTER (WHERE first_message = @text) AS injected FROM sessions WHERE session_type = @type",
            parameters, TestStore.ReadAll, TestContext.Current.CancellationToken);
        Assert.Equal((1L, 0L), ((long)rows[0]["n"]!, (long)rows[0]["injected"]!));
    }

    [Theory]
    [InlineData("SELECT no_such_column FROM sessions", "no_such_column")]
    [InlineData("SELECT 1 / (count(*) - 1) FROM sessions", "division by zero")]
    [InlineData("SELECT 'x'::int", "invalid input syntax")]
    public async Task A_query_that_cannot_run_fails_with_the_database_reason(string sql, string reason)
    {
        var error = await Assert.ThrowsAsync<QueryFailedException>(() => RowsAsync(sql));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_long_a_query_or_too_wide_a_result_is_refused_before_it_runs()
    {
        var wide = "SELECT " + string.Join(", ", Enumerable.Range(0, s_options.MaxResultColumns + 1).Select(i => $"{i} AS c{i}"));
        Assert.Contains("columns", (await Assert.ThrowsAsync<QueryRefusedException>(() => RowsAsync(wide))).Message, StringComparison.Ordinal);

        var longest = "SELECT 1 AS x" + new string(' ', s_options.MaxQueryLength);
        Assert.Contains("characters", (await Assert.ThrowsAsync<QueryRefusedException>(() => RowsAsync(longest))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_of_different_workspaces_run_side_by_side_and_each_sees_its_own_rows()
    {
        var queries = Enumerable.Range(0, 8).Select(async i =>
        {
            var workspace = i % 2 == 0 ? TenantStore.Acme : TenantStore.Globex;
            return (workspace, rows: await RowsAsync("SELECT first_message FROM sessions ORDER BY 1 LIMIT 1", workspace));
        });
        foreach (var (workspace, rows) in await Task.WhenAll(queries))
        {
            Assert.Equal(workspace == TenantStore.Acme ? TenantStore.AcmeSecret : TenantStore.GlobexSecret, Assert.Single(rows)["first_message"]);
        }
    }

    [Fact]
    public async Task Processes_racing_for_a_new_workspace_role_make_it_once()
    {
        var initech = WorkspaceId.Parse("initech");
        await store.ExecuteAsync("""
            INSERT INTO analytics.sessions (workspace_id, timeline_id, last_activity_at, session_id, session_started_timestamp, session_type,
                session_status, user_country_code, user_cellphone, line_whatsapp_number)
            VALUES ('initech', 9, '2026-11-20 12:00', 's-initech', '2026-11-20 12:00', 'INBOUND', 'BOT', '+52', '5512345678', '5215550001111')
            """);
        var processes = Enumerable.Range(0, 4).Select(_ => new TenantQueries(store.Store, s_options, TimeProvider.System)).ToList();
        try
        {
            var answers = await Task.WhenAll(processes.Select(p =>
                p.QueryAsync(initech, "SELECT session_id FROM sessions", TestStore.ReadAll, TestContext.Current.CancellationToken)));
            Assert.All(answers, rows => Assert.Equal("s-initech", Assert.Single(rows)["session_id"]));
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }

        await using var connection = await store.Store.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connection, "SELECT count(*) FROM analytics.tenant_roles WHERE workspace_id = 'initech'"));
    }

    [Fact]
    public async Task A_Parquet_export_streams_the_rows_in_bounded_row_groups()
    {
        using var file = new MemoryStream();
        var written = await _queries.ExportParquetAsync(TenantStore.Globex,
            "SELECT g AS n, 'row ' || g AS label, timestamp '2026-11-20 12:00' + g * interval '1 second' AS at, g % 2 = 0 AS even, " +
            "g / 4.0 AS ratio, (SELECT count(*) FROM sessions) AS sessions FROM generate_series(1, 2500) g",
            new Dictionary<string, object?>(), file, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2500, written);
        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, reader.RowGroupCount);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["n", "label", "at", "even", "ratio", "sessions"], fields.Select(f => f.Name));
        using var last = reader.OpenRowGroupReader(2);
        Assert.Equal(500, last.RowCount);
        var labels = new string?[500];
        await last.ReadAsync(fields[1], labels.AsMemory(), null, TestContext.Current.CancellationToken);
        Assert.Equal("row 2500", labels[^1]);
        var sessions = new long?[500];
        await last.ReadAsync(fields[5], sessions.AsMemory(), null, TestContext.Current.CancellationToken);
        Assert.All(sessions, count => Assert.Equal(2, count));
    }

    [Fact]
    public async Task A_Parquet_export_of_a_table_writes_its_rows_to_a_stream_that_cannot_seek()
    {
        using var file = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(file))
        {
            Assert.Equal(2, await _queries.ExportParquetAsync(TenantStore.Globex, "SELECT * FROM sessions ORDER BY session_id",
                new Dictionary<string, object?>(), forwardOnly, keepRowOrder: false, TestContext.Current.CancellationToken));
        }

        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: TestContext.Current.CancellationToken);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(28, fields.Length);
        using var rows = reader.OpenRowGroupReader(0);
        var ids = new string?[2];
        await rows.ReadAsync(fields[0], ids.AsMemory(), null, TestContext.Current.CancellationToken);
        Assert.Equal(["s-globex-1", "s-globex-2"], ids);
        Assert.IsType<DateTimeDataField>(fields.Single(f => f.Name == "session_started_timestamp"));
    }

    public async ValueTask DisposeAsync() => await _queries.DisposeAsync();

    private Task<IReadOnlyList<Dictionary<string, object?>>> RowsAsync(string sql, WorkspaceId? workspace = null) =>
        _queries.QueryAsync(workspace ?? TenantStore.Acme, sql, new Dictionary<string, object?>(), TestStore.ReadAll, TestContext.Current.CancellationToken);

    /// <summary>A stream that only writes forward, as an HTTP response does.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
