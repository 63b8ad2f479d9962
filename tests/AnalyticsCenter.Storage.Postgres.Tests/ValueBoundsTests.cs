using System.Globalization;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// What one tenant call may make on PostgreSQL is bounded: the functions that make a big value from a small input are
/// shadowed by bounded stand-ins (Sql/Migrations/010_value_bounds.sql), those no stand-in can shadow are refused by the
/// text check, and a flood of such queries leaves every database backend that ran them small.
/// </summary>
public sealed class ValueBoundsTests(TenantStore store) : IClassFixture<TenantStore>, IAsyncDisposable
{
    /// <summary>
    /// The most a tenant query's backend may reach under the flood: its peak resident size (VmHWM), which counts the
    /// backend's own baseline (about 20 MB), the shared buffers it touched, its sorts' and hashes' work_mem and values
    /// under the bound. Measured here: 21 to 40 MB. Unbounded, one of these queries takes a backend past a gigabyte.
    /// </summary>
    private const long BackendBudget = 64L << 20;

    private static readonly TenantAccessOptions s_options = new() { QueryTimeout = TimeSpan.FromSeconds(20) };

    private readonly TenantQueries _queries = new(store.Store, s_options, TimeProvider.System);

    /// <summary>Queries that each make one value of a gigabyte or more from a few bytes of SQL, and the function each names.</summary>
    public static TheoryData<string, string> Bombs => new()
    {
        { "SELECT length(repeat('x', 1000000000)) AS n", "repeat()" },
        { "SELECT length(lpad('x', 1000000000, 'y')) AS n", "lpad()" },
        { "SELECT length(rpad(first_message, 1000000000)) AS n FROM sessions", "rpad()" },
        { "SELECT length(replace(repeat('x', 60000), 'x', repeat('y', 60000))) AS n", "replace()" },
        { "SELECT length(regexp_replace(repeat('x', 60000), 'x', 'yy', 'g')) AS n", "regexp_replace()" },
        { "SELECT cardinality(array_fill(1, ARRAY[100000, 100000])) AS n", "array_fill()" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task A_call_that_would_make_a_huge_value_is_refused_naming_it(string sql, string function)
    {
        var refusal = await Assert.ThrowsAsync<QueryFailedException>(() => RowsAsync(sql));

        Assert.Contains(function, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("at most 65536", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT length(format('%1000000000s', 'x')) AS n", "format()")]
    [InlineData("SELECT length(format('%1$-*2$s', 'x', 1000000000)) AS n", "format()")]
    [InlineData("SELECT length(format(first_message || '%1000000000s', 'x')) AS n FROM sessions", "format()")]
    [InlineData("SELECT length(format(E'%1000000000s', 'x')) AS n", "format()")]
    [InlineData("SELECT length(jsonb_pretty((repeat('[', 10000) || repeat(']', 10000))::jsonb)) AS n", "jsonb_pretty()")]
    [InlineData("SELECT jsonb_path_query_array((repeat('[', 3000) || repeat(']', 3000))::jsonb, 'strict $.**') AS n", "jsonb_path_query_array()")]
    public async Task What_no_stand_in_can_bound_is_refused_before_it_runs_naming_it(string sql, string named)
    {
        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => RowsAsync(sql));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT length(pg_catalog.repeat('x', 1000000000)) AS n", "pg_catalog.repeat")]
    [InlineData("SELECT length(\"pg_catalog\".\"repeat\"('x', 10)) AS n", "pg_catalog.repeat")]
    [InlineData("SELECT length(PG_CATALOG.LPAD('x', 1000000000)) AS n", "pg_catalog.lpad")]
    [InlineData("SELECT pg_catalog.string_agg(first_message, ',') AS n FROM sessions", "pg_catalog.string_agg")]
    [InlineData("SELECT length(tenant_bounds.repeat('x', 10)) AS n", "tenant_bounds.repeat")]
    [InlineData("SELECT max_bytes() AS n", "max_bytes")]
    [InlineData("SELECT bounded(1, 1, 'x') AS n", "bounded")]
    public async Task The_bounds_cannot_be_stepped_around_by_naming_the_built_in_or_a_helper(string sql, string named)
    {
        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => RowsAsync(sql));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>The first four give the values the DuckDB store's QueryMemoryTests expect of the same calls on its own data.</summary>
    [Theory]
    [InlineData("SELECT length(repeat('ab', 32768)) AS n", 65_536L)]
    [InlineData("SELECT length(lpad(first_message, 80, '.') || rpad(first_message, 80, '.')) AS n FROM sessions", 160L)]
    [InlineData("SELECT length(format('%5s|%-10s|%s', 42, 'abc', 2.5)) AS n", 20L)]
    [InlineData("SELECT count(*) AS n FROM generate_series(1, 3000000)", 3_000_000L)]
    [InlineData("SELECT length(lpad('7', 3, '0') || rpad('x', 2) || lpad('abc', 2)) AS n", 7L)]
    [InlineData("SELECT length(replace(first_message, 'e', 'EE')) AS n FROM sessions", 14L)]
    [InlineData("SELECT length(regexp_replace(first_message, '([aeiou])', '<\\1>', 'g')) AS n FROM sessions", 19L)]
    [InlineData("SELECT length(regexp_replace(first_message, 'e', '', 1, 2, 'i')) AS n FROM sessions", 10L)]
    [InlineData("SELECT cardinality(array_fill(0, ARRAY[100, 100])) AS n", 10_000L)]
    [InlineData("SELECT length(string_agg(session_type || ':' || user_country_code, ',' ORDER BY session_id)) AS n FROM sessions", 11L)]
    [InlineData("SELECT length(string_agg(g::text, ',') FILTER (WHERE g > 1)) AS n FROM generate_series(1, 10000) g", 48_891L)]
    [InlineData("SELECT cardinality(array_agg(g ORDER BY g DESC)) AS n FROM generate_series(1, 10000) g", 10_000L)]
    [InlineData("SELECT array_length(array_agg(ARRAY[g, g]), 2) AS n FROM generate_series(1, 3) g", 2L)]
    [InlineData("SELECT count(*) AS n FROM (SELECT string_agg(g::text, ',') FROM generate_series(1, 300000) g GROUP BY g % 30000) t", 30_000L)]
    [InlineData("SELECT length(string_agg(g::text, ',')) AS n FROM generate_series(1, 100000) g", 588_894L)]
    [InlineData("SELECT json_array_length(json_agg(s)) AS n FROM sessions s", 1L)]
    [InlineData("SELECT jsonb_array_length(jsonb_agg(g)) AS n FROM generate_series(1, 1000) g", 1_000L)]
    public async Task Everyday_uses_of_those_functions_still_run(string sql, long expected) =>
        Assert.Equal(expected, N(await RowsAsync(sql)));

    [Fact]
    public async Task The_bound_is_the_stores_setting()
    {
        await using var narrow = new TenantQueries(store.Store, s_options with { MaxValueBytes = 1_000 }, TimeProvider.System);

        var refusal = await Assert.ThrowsAsync<QueryFailedException>(() => RowsAsync("SELECT length(repeat('x', 1001)) AS n", narrow));
        Assert.Contains("at most 1000", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1_000, N(await RowsAsync("SELECT length(repeat('x', 1000)) AS n", narrow)));
        Assert.Equal(1_001, N(await RowsAsync("SELECT length(repeat('x', 1001)) AS n")));
    }

    [Fact]
    public async Task A_flood_of_memory_bombs_is_refused_in_words_and_leaves_every_backend_within_its_budget()
    {
        // Three serving processes' worth (four queries at once each); beside the bombs, a query that keeps values just
        // under the bound across many rows.
        string[] flood =
        [
            .. Bombs.Select(row => row.Data.Item1),
            "SELECT max(length(repeat('y', 60000 + g % 2))) AS n FROM generate_series(1, 1000) g",
        ];
        var processes = Enumerable.Range(0, 3).Select(_ => new TenantQueries(store.Store, s_options, TimeProvider.System)).ToList();
        try
        {
            var outcomes = await Task.WhenAll(flood.Select((sql, k) => Task.Run(() => OutcomeAsync(sql, processes[k % processes.Count]))));
            var peaks = await BackendPeaksAsync(TenantStore.Acme);

            Assert.All(outcomes, outcome => Assert.Matches("at most|^answered", outcome));
            Assert.NotEmpty(peaks);
            Assert.All(peaks, peak => Assert.True(peak <= BackendBudget, $"a backend reached {peak >> 20} MB; the budget is {BackendBudget >> 20} MB"));
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_store_upgraded_from_before_the_bounds_gives_its_existing_roles_the_stand_ins()
    {
        var ct = TestContext.Current.CancellationToken;
        var bounds = SchemaMigrations.Known.Single(s => s.Resource.EndsWith("_value_bounds.sql", StringComparison.Ordinal)).Version;
        var database = await OwnedDatabase.CreateAsync(store.Host, ct);
        var source = NpgsqlDataSource.Create(database.ConnectionString);
        string? role = null;
        try
        {
            await using (var connection = await source.OpenConnectionAsync(ct))
            {
                await SchemaMigrations.ApplyAsync(connection, ct, upTo: bounds - 1);

                // The program that made roles then knew no uploads and kept no report facts: today's role setup opens their
                // views too, so it is given no-ops in their place until the migrations bring the real ones.
                await TenantRoles.ExecuteAsync(connection, null,
                    "CREATE FUNCTION analytics.open_upload_views(role name, workspace text) RETURNS void LANGUAGE sql AS ''; "
                    + "CREATE FUNCTION analytics.open_fact_views(role name, workspace text) RETURNS void LANGUAGE sql AS ''", ct);
            }

            var roles = new TenantRoles(source, s_options, TimeProvider.System);
            var made = await roles.QueryRoleAsync(TenantStore.Acme, ct);
            role = made.Name;
            await using (var connection = await source.OpenConnectionAsync(ct))
            {
                await TenantRoles.ExecuteAsync(connection, null,
                    "DROP FUNCTION analytics.open_upload_views(name, text); DROP FUNCTION analytics.open_fact_views(name, text)", ct);
                // As a role made before the bounds was: its own default path (which a BI login keeps) the views only.
                await TenantRoles.ExecuteAsync(connection, null, $"ALTER ROLE {role} SET search_path = tenant", ct);
                await SchemaMigrations.ApplyAsync(connection, ct);
            }

            var login = new NpgsqlConnectionStringBuilder(roles.ConnectionStringFor(made, 1)) { Pooling = false };
            await using var tenant = await Sql.OpenAsync(login.ConnectionString);
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<int>(tenant, "SELECT length(repeat('x', 1000000))"));
            Assert.Contains("repeat() would make a value of about 1000000 bytes; a value may have at most 65536", refusal.MessageText,
                StringComparison.Ordinal);
        }
        finally
        {
            await source.DisposeAsync();
            await database.DisposeAsync();
            if (role is not null)
            {
                await using var admin = await Sql.OpenAsync(store.Host.ConnectionString);
                await TenantRoles.ExecuteAsync(admin, null, $"DROP ROLE IF EXISTS {role}", CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync() => await _queries.DisposeAsync();

    private async Task<string> OutcomeAsync(string sql, TenantQueries queries)
    {
        try
        {
            return "answered " + Assert.Single(await RowsAsync(sql, queries))["n"];
        }
        catch (Exception ex) when (ex is QueryFailedException or QueryRefusedException or QueryTimedOutException)
        {
            return ex.Message;
        }
    }

    /// <summary>The peak resident size of each backend the workspace's query role has open (the test server runs on this machine).</summary>
    private async Task<List<long>> BackendPeaksAsync(WorkspaceId workspace)
    {
        await using var connection = await store.Store.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT a.pid FROM pg_stat_activity a JOIN analytics.tenant_roles r ON r.role_name = a.usename
            WHERE r.workspace_id = @workspace AND r.purpose = 'query'
            """, connection);
        command.Parameters.AddWithValue("workspace", workspace.Value);
        var peaks = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var status = await File.ReadAllLinesAsync($"/proc/{reader.GetInt32(0)}/status", TestContext.Current.CancellationToken);
            var peak = status.Single(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
            peaks.Add(long.Parse(peak["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) << 10);
        }

        return peaks;
    }

    /// <summary>The single row's <c>n</c>.</summary>
    private static long N(IReadOnlyList<Dictionary<string, object?>> rows) => Convert.ToInt64(Assert.Single(rows)["n"], CultureInfo.InvariantCulture);

    private Task<IReadOnlyList<Dictionary<string, object?>>> RowsAsync(string sql, TenantQueries? queries = null) =>
        (queries ?? _queries).QueryAsync(TenantStore.Acme, sql, new Dictionary<string, object?>(), TestStore.ReadAll, TestContext.Current.CancellationToken);
}
