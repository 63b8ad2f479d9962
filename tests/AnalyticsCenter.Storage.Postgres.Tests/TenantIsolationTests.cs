using System.Text;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// The database is the wall: every attack of the sandbox list runs directly as acme's login role, with no text check in
/// between, and fails in the database or sees only acme's rows. {self} in a statement is the role's own name (and schema).
/// </summary>
public abstract class TenantIsolationTests(TenantStore store)
{
    [Theory]
    [InlineData("SELECT * FROM analytics.sessions")]
    [InlineData("SELECT * FROM analytics.deployments")]
    [InlineData("SELECT * FROM analytics.workspaces")]
    [InlineData("SELECT * FROM analytics.refresh_dirty")]
    [InlineData("SELECT * FROM analytics.purge_cuts")]
    [InlineData("SELECT password FROM analytics.tenant_roles WHERE workspace_id = 'globex'")]
    [InlineData("COPY analytics.sessions TO STDOUT")]
    [InlineData("COPY (SELECT * FROM analytics.sessions) TO STDOUT")]
    [InlineData("SELECT rolpassword FROM pg_authid")]
    [InlineData("SELECT passwd FROM pg_shadow")]
    [InlineData("SELECT pg_read_file('/etc/passwd')")]
    [InlineData("SELECT pg_read_binary_file('/etc/passwd')")]
    [InlineData("SELECT pg_ls_dir('.')")]
    [InlineData("SELECT pg_stat_file('postgresql.conf')")]
    [InlineData("SELECT lo_import('/etc/passwd')")]
    [InlineData("SELECT lo_export(lo_create(0), '/tmp/ac-tenant-export')")]
    [InlineData("SELECT dblink('dbname=postgres', 'SELECT 1')")]
    [InlineData("CREATE EXTENSION dblink")]
    [InlineData("COPY (SELECT 1) TO PROGRAM 'id'")]
    [InlineData("COPY (SELECT 1) TO '/tmp/ac-tenant-copy'")]
    [InlineData("COPY sessions FROM '/etc/passwd'")]
    [InlineData("SELECT current_setting('data_directory')")]
    [InlineData("SELECT set_config('role', '{other}', false)")]
    [InlineData("SELECT set_config('role', '{store}', false)")]
    [InlineData("SELECT set_config('session_authorization', '{other}', false)")]
    [InlineData("SET ROLE {other}")]
    [InlineData("SET ROLE {store}")]
    [InlineData("SET SESSION AUTHORIZATION {other}")]
    [InlineData("SET SESSION AUTHORIZATION {store}")]
    [InlineData("SET ROLE NONE; SELECT * FROM analytics.sessions")]
    [InlineData("SELECT set_config('role', 'none', false); SELECT * FROM analytics.sessions")]
    [InlineData("SELECT query_to_xml('SELECT * FROM analytics.sessions', true, false, '')")]
    [InlineData("SELECT query_to_xml('SELECT password FROM analytics.tenant_roles', true, false, '')")]
    [InlineData("SELECT table_to_xml('analytics.sessions', true, false, '')")]
    [InlineData("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{store}'")]
    [InlineData("ALTER ROLE {other} PASSWORD 'taken'")]
    [InlineData("GRANT {other} TO CURRENT_USER")]
    [InlineData("CREATE ROLE intruder LOGIN")]
    [InlineData("ALTER ROLE CURRENT_USER CONNECTION LIMIT -1")]
    [InlineData("ALTER ROLE CURRENT_USER SET statement_timeout = 0")]
    [InlineData("ALTER ROLE CURRENT_USER PASSWORD 'changed'")]
    public async Task Reaching_beyond_the_workspace_fails_in_the_database(string attack) =>
        await AssertFailsAsync(attack, liftReadOnly: false);

    [Theory]
    [InlineData("INSERT INTO sessions (session_id) VALUES ('x')")]
    [InlineData("UPDATE sessions SET first_message = 'x'")]
    [InlineData("DELETE FROM sessions")]
    [InlineData("DELETE FROM analytics.sessions")]
    [InlineData("TRUNCATE analytics.sessions")]
    [InlineData("DROP VIEW sessions")]
    [InlineData("CREATE OR REPLACE VIEW {self}.sessions AS SELECT * FROM analytics.sessions")]
    [InlineData("CREATE TABLE t (a int)")]
    [InlineData("CREATE TABLE public.t (a int)")]
    [InlineData("CREATE TABLE {self}.t (a int)")]
    [InlineData("CREATE TEMP TABLE t (a int)")]
    [InlineData("CREATE SCHEMA s")]
    [InlineData("CREATE FUNCTION {self}.leak(text) RETURNS bool LANGUAGE sql COST 0.0001 AS 'SELECT true'")]
    [InlineData("INSERT INTO analytics.tenant_roles VALUES (CURRENT_USER, 'globex', 'bi', 'x', now(), NULL)")]
    public async Task Writes_and_creations_fail_even_with_the_read_only_default_lifted(string attack)
    {
        await AssertFailsAsync(attack, liftReadOnly: false);
        await AssertFailsAsync(attack, liftReadOnly: true);
    }

    [Theory]
    [InlineData("SELECT first_message FROM sessions UNION ALL SELECT deployment_id FROM deployments")]
    [InlineData("SELECT first_message FROM {self}.sessions WHERE first_message LIKE 'globex%' OR true")]
    [InlineData("SELECT first_message FROM analytics.sessions WHERE first_message LIKE 'globex%' OR true")]
    [InlineData("SELECT session_id FROM analytics.sessions UNION ALL SELECT deployment_id FROM analytics.deployments")]
    [InlineData("SELECT first_message FROM tenant_session_facts UNION ALL SELECT deployment_id FROM tenant_deployment_facts")]
    [InlineData("SELECT session_id || coalesce(deployment_campaign_name, '') FROM analytics.sessions "
        + "UNION ALL SELECT deployment_id || session_replied::text FROM analytics.deployments")]
    [InlineData("SET ROLE NONE; SELECT first_message FROM sessions")]
    [InlineData("RESET ROLE; SELECT first_message FROM sessions")]
    [InlineData("SELECT set_config('search_path', 'analytics, tenant', false); SELECT first_message FROM sessions")]
    [InlineData("SELECT query_to_xml('SELECT first_message FROM sessions', true, false, '')::text")]
    [InlineData("SELECT count(*)::text FROM sessions WHERE 1 / (length(first_message) - length('globex secret')) IS NOT NULL")]
    [InlineData("SELECT string_agg(attname || '=' || coalesce(most_common_vals::text, ''), ',') FROM pg_stats WHERE schemaname <> 'pg_catalog'")]
    [InlineData("EXPLAIN (ANALYZE, VERBOSE, COSTS, BUFFERS) SELECT * FROM sessions WHERE user_cellphone LIKE '415%'")]
    [InlineData("EXPLAIN (VERBOSE, FORMAT JSON) SELECT * FROM deployments d JOIN sessions s USING (user_cellphone)")]
    public async Task What_runs_sees_only_the_workspace_own_rows(string probe)
    {
        var text = await RunAsTenantAsync(probe);

        Assert.DoesNotContain("globex", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4155552671", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dep-g", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_views_show_the_workspace_rows_and_the_base_tables_show_the_role_only_its_workspace_rows()
    {
        Assert.Equal(
            $"{TenantStore.AcmeSecret}\ndep-a", await RunAsTenantAsync("SELECT first_message FROM sessions UNION ALL SELECT deployment_id FROM deployments"));
        Assert.Equal($"{TenantStore.AcmeSecret}\ndep-a",
            await RunAsTenantAsync("SELECT first_message FROM tenant_session_facts UNION ALL SELECT deployment_id FROM tenant_deployment_facts"));

        // The views run as the role (security_invoker): it reads the base tables' tenant columns itself, through row-level security.
        Assert.Equal($"{TenantStore.GlobexSecret}\n{TenantStore.GlobexSecret} 2",
            await RunAsync(TenantStore.Globex, "SELECT first_message FROM analytics.sessions ORDER BY 1"));
        Assert.Equal("dep-a", await RunAsTenantAsync("SELECT deployment_id FROM analytics.deployments"));
    }

    [Fact]
    public async Task A_sleep_on_another_workspace_rows_never_runs_and_one_past_the_timeout_is_stopped_even_if_the_timeout_is_lifted()
    {
        // Sleeping 2 s on one of globex's rows would pass the role's 1 s timeout and fail: the answer proves no sleep ran.
        Assert.Equal("1", await RunAsTenantAsync(
            "SELECT count(*)::text FROM sessions WHERE CASE WHEN first_message LIKE 'globex%' THEN pg_sleep(2) IS NULL ELSE true END"));

        var stopped = await Assert.ThrowsAsync<PostgresException>(() => RunAsTenantAsync("SELECT set_config('statement_timeout', '0', false), pg_sleep(3)"));
        Assert.Equal(PostgresErrorCodes.QueryCanceled, stopped.SqlState);
    }

    [Fact]
    public async Task The_role_is_a_member_of_no_role_and_may_use_only_its_two_views_and_their_fact_views_as_a_whole()
    {
        // Relations an extension made (Citus's metadata views, readable by PUBLIC in a schema the role may not use) are not the store's.
        var facts = await RunAsTenantAsync("""
            SELECT concat_ws(',', r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls, r.rolconnlimit,
                (SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid),
                has_database_privilege(current_database(), 'CREATE'), has_database_privilege(current_database(), 'TEMP'),
                has_schema_privilege('public', 'USAGE'), has_schema_privilege('public', 'CREATE'), has_schema_privilege(session_user, 'CREATE'),
                (SELECT string_agg(n.nspname || '.' || c.relname, ' ' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S')
                   AND has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
                   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')))
            FROM pg_roles r WHERE r.rolname = session_user
            """);

        var self = new NpgsqlConnectionStringBuilder(await store.TenantConnectionStringAsync(TenantStore.Acme)).Username;
        Assert.Equal($"f,f,f,f,f,f,16,0,f,f,f,f,f,{self}.deployments {self}.sessions {self}.tenant_deployment_facts {self}.tenant_session_facts", facts);
    }

    [Fact]
    public async Task An_ordinary_store_role_cannot_give_a_tenant_role_a_temp_file_limit()
    {
        // temp_file_limit is a superuser setting: a tenant's sort that spills is bounded by its statement timeout instead.
        var role = new NpgsqlConnectionStringBuilder(await store.TenantConnectionStringAsync(TenantStore.Acme)).Username;
        var refused = await Assert.ThrowsAsync<PostgresException>(() => store.ExecuteAsync($"ALTER ROLE {role} SET temp_file_limit = '100MB'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task Another_database_of_the_server_holds_none_of_the_store_tables()
    {
        var settings = new NpgsqlConnectionStringBuilder(await store.TenantConnectionStringAsync(TenantStore.Acme)) { Database = "postgres" };
        try
        {
            await using var connection = await Sql.OpenAsync(settings.ConnectionString);
            Assert.Null(await Sql.ScalarAsync<string>(connection, "SELECT to_regclass('analytics.sessions')::text"));
        }
        catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // A server whose administrator revoked CONNECT on postgres from PUBLIC: better still.
        }
    }

    private async Task AssertFailsAsync(string attack, bool liftReadOnly)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => RunAsTenantAsync(attack, liftReadOnly));
        Assert.DoesNotContain("globex", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            $"{TenantStore.AcmeSecret}\ndep-a", await RunAsTenantAsync("SELECT first_message FROM sessions UNION ALL SELECT deployment_id FROM deployments"));
        Assert.Equal($"{TenantStore.AcmeSecret}\ndep-a",
            await RunAsTenantAsync("SELECT first_message FROM tenant_session_facts UNION ALL SELECT deployment_id FROM tenant_deployment_facts"));
        Assert.Equal("2", await RunAsync(TenantStore.Globex, "SELECT count(*)::text FROM sessions"));
    }

    protected Task<string> RunAsTenantAsync(string sql, bool liftReadOnly = false) => RunAsync(TenantStore.Acme, sql, liftReadOnly);

    /// <summary>Every value of every result of <paramref name="sql"/>, one row a line, as the workspace's role logged in directly.</summary>
    protected async Task<string> RunAsync(Core.Events.WorkspaceId workspace, string sql, bool liftReadOnly = false)
    {
        var self = new NpgsqlConnectionStringBuilder(await store.TenantConnectionStringAsync(workspace)).Username;
        var other = new NpgsqlConnectionStringBuilder(await store.TenantConnectionStringAsync(
            workspace == TenantStore.Acme ? TenantStore.Globex : TenantStore.Acme)).Username;
        await using var connection = await Sql.OpenAsync(await store.TenantConnectionStringAsync(workspace));
        if (liftReadOnly)
        {
            await using var lift = new NpgsqlCommand("SET default_transaction_read_only = off", connection);
            await lift.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var statement = sql.Replace("{other}", other, StringComparison.Ordinal).Replace("{self}", self, StringComparison.Ordinal)
            .Replace("{store}", store.StoreRole, StringComparison.Ordinal);
        if (statement.StartsWith("COPY ", StringComparison.Ordinal) && statement.EndsWith(" TO STDOUT", StringComparison.Ordinal))
        {
            // A COPY out is read as one: Citus starts it on the coordinator before a worker refuses it.
            using var export = await connection.BeginTextExportAsync(statement, TestContext.Current.CancellationToken);
            return (await export.ReadToEndAsync(TestContext.Current.CancellationToken)).TrimEnd('\n');
        }

        await using var command = new NpgsqlCommand(statement, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var lines = new List<string>();
        do
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))
                        .Append(i + 1 < reader.FieldCount ? "|" : "");
                }

                lines.Add(row.ToString());
            }
        }
        while (await reader.NextResultAsync(TestContext.Current.CancellationToken));

        return string.Join('\n', lines);
    }
}
