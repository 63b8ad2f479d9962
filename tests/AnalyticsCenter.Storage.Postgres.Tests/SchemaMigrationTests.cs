using System.Security.Cryptography;
using System.Text;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>The store creates its schema, upgrades an older one in place, refuses a newer one, and openers at once take turns.</summary>
public sealed class SchemaMigrationTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_database_gets_every_script_in_order_and_the_store_says_where_it_is()
    {
        await using var store = await PgTestStore.CreateAsync(server);

        var applied = await store.RowsAsync("SELECT version::text || ' ' || name FROM analytics.schema_migrations WHERE @ws IS NOT NULL");
        Assert.Equal(SchemaMigrations.Known.Select(s => $"{s.Version} {s.Resource}").Order(StringComparer.Ordinal), applied);
        Assert.Equal($"PostgreSQL {store.Database.Owner}@127.0.0.1:{store.Database.Port}/{store.Database.Name}", store.Store.Description);
        Assert.DoesNotContain(store.Database.Password, store.Store.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_written_by_an_older_version_is_upgraded_in_place_keeping_its_rows()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        await using (var connection = await Sql.OpenAsync(database.ConnectionString))
        {
            await SchemaMigrations.ApplyAsync(connection, Ct, upTo: 1);
            await Sql.ScalarAsync<int>(connection,
                "INSERT INTO analytics.workspaces VALUES ('acme', 60000000, '2026-11-01', 'Europe/Madrid'); SELECT 1");
            Assert.Equal(1, await SchemaMigrations.CurrentAsync(connection, Ct));
        }

        await using var store = await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, Ct);

        Assert.Equal("Europe/Madrid", (await store.GetTimeZoneAsync(Core.Events.WorkspaceId.Parse("acme"), Ct)).Id);
        await using var check = await Sql.OpenAsync(database.ConnectionString);
        Assert.Equal(SchemaMigrations.Latest, await SchemaMigrations.CurrentAsync(check, Ct));
    }

    [Fact]
    public async Task Events_an_older_version_queued_for_the_next_refresh_are_taken_by_the_first_refresh_after_the_upgrade()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        await using (var connection = await Sql.OpenAsync(database.ConnectionString))
        {
            // Version 6 queued a row per event; acme was refreshed as of 12:00 before these three events were stored.
            await SchemaMigrations.ApplyAsync(connection, Ct, upTo: 6);
            await Sql.ScalarAsync<int>(connection,
                "INSERT INTO analytics.refresh_state VALUES ('acme', '2026-11-20 12:00', '2026-11-20 12:00', 3600000000, 30); " +
                "INSERT INTO analytics.timelines (workspace_id, line_number, user_country_code, user_cellphone) " +
                "VALUES ('acme', '573000000000', '57', '3001111111'); " +
                "WITH e AS (INSERT INTO analytics.events (workspace_id, event_id, type, occurred_at, received_at, timeline_id, details) " +
                "SELECT 'acme', 'e' || i, 1, timestamp '2026-11-20 10:00' + i * interval '1 minute', '2026-11-20 18:00', timeline_id, '{}' " +
                "FROM analytics.timelines, generate_series(1, 3) i RETURNING workspace_id, seq) " +
                "INSERT INTO analytics.refresh_queue SELECT workspace_id, seq FROM e; SELECT 1");
        }

        await using var store = await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, Ct);
        var refreshed = Assert.Single((await store.RefreshAsync(new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc), Ct)).Workspaces);

        Assert.Equal((false, 3L, 1L), (refreshed.FullRebuild, refreshed.EventsApplied, refreshed.Sessions));
    }

    [Fact]
    public async Task Rows_an_older_version_refreshed_get_the_facts_the_reports_read_on_the_upgrade()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        await using (var connection = await Sql.OpenAsync(database.ConnectionString))
        {
            // Version 19 kept no facts: an outbound session its delivered deployment started and the user replied in, a
            // later inbound one, and a failed deployment with no session.
            await SchemaMigrations.ApplyAsync(connection, Ct, upTo: 19);
            await Sql.ScalarAsync<int>(connection, """
                INSERT INTO analytics.sessions (workspace_id, timeline_id, last_activity_at, session_id, session_started_timestamp,
                    session_finished_timestamp, session_type, session_status, user_country_code, user_cellphone, line_whatsapp_number,
                    first_message_timestamp)
                VALUES ('acme', 1, '2026-11-20 12:30', 's-out', '2026-11-20 12:00', '2026-11-20 12:30', 'OUTBOUND', 'BOT', '+57', '3001', '5730',
                        '2026-11-20 12:05'),
                       ('acme', 1, '2026-11-20 14:00', 's-in', '2026-11-20 14:00', NULL, 'INBOUND', 'BOT', '+57', '3001', '5730', '2026-11-20 14:00');
                INSERT INTO analytics.deployments (workspace_id, timeline_id, conversation_id, conversation_version, user_country_code,
                    user_cellphone, deployment_timestamp, delivery_status, session_id, deployment_id, line_whatsapp_number, campaign_name)
                VALUES ('acme', 1, 'promo', 1, '+57', '3001', '2026-11-20 11:59', 'Delivered', 's-out', 'dep-1', '5730', 'Black Friday'),
                       ('acme', 1, 'promo', 1, '+57', '3001', '2026-11-20 13:00', 'Failed', NULL, 'dep-2', '5730', 'Black Friday');
                SELECT 1
                """);
        }

        await (await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, Ct)).DisposeAsync();

        await using var check = await Sql.OpenAsync(database.ConnectionString);
        Assert.Equal("dep-1 2026-11-20 12:00:00 2026-11-20 12:30:00 t, dep-2 f", await Sql.ScalarAsync<string>(check, """
            SELECT string_agg(concat_ws(' ', deployment_id, session_started_timestamp, session_finished_timestamp, session_replied), ', '
                              ORDER BY deployment_id)
            FROM analytics.deployments
            """));
        Assert.Equal("s-in, s-out Black Friday", await Sql.ScalarAsync<string>(check,
            "SELECT string_agg(concat_ws(' ', session_id, deployment_campaign_name), ', ' ORDER BY session_id) FROM analytics.sessions"));
    }

    [Fact]
    public async Task Keys_an_older_version_compared_by_collation_are_compared_bytewise_after_the_upgrade_and_still_tell_events_and_users_apart()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        await using (var connection = await Sql.OpenAsync(database.ConnectionString))
        {
            // Version 20 kept the event and timeline keys as constraints under the database's collation.
            await SchemaMigrations.ApplyAsync(connection, Ct, upTo: 20);
            await Sql.ScalarAsync<int>(connection,
                "INSERT INTO analytics.timelines (workspace_id, line_number, user_country_code, user_cellphone) " +
                "VALUES ('acme', '5215550001111', '+57', '3001111111'); " +
                "INSERT INTO analytics.events (workspace_id, event_id, type, occurred_at, received_at, timeline_id, details) " +
                "SELECT 'acme', 'e-1', 1, '2026-11-20 10:00', '2026-11-20 18:00', timeline_id, '{}' FROM analytics.timelines; SELECT 1");
        }

        await using var store = await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, Ct);
        var user = new EventLines(phone: "573001111111");
        var other = new EventLines(phone: "573001111112");
        string[] lines = [user.Node("10:01:00", "n_menu", "e-1"), user.Node("10:02:00", "n_menu", "E-1"), other.Node("10:03:00", "n_menu", "e-2")];
        var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        var report = await store.IngestAsync(input, new IngestOptions { Source = "after.ndjson" }, Ct);

        Assert.Equal((2L, 1L), (report.Accepted, report.Duplicates));
        Assert.Equal("3 events, 2 timelines, e-1 in the first", await Sql.ScalarAsync<string>(database.ConnectionString,
            "SELECT count(*) || ' events, ' || count(DISTINCT timeline_id) || ' timelines, ' " +
            "|| (SELECT event_id FROM analytics.events WHERE timeline_id = 1 ORDER BY seq LIMIT 1) || ' in the first' FROM analytics.events"));
        Assert.Equal("events_key timelines_key", await Sql.ScalarAsync<string>(database.ConnectionString,
            "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
            "WHERE i.indrelid IN ('analytics.events'::regclass, 'analytics.timelines'::regclass) AND i.indisunique AND NOT i.indisprimary"));
    }

    [Fact]
    public async Task A_tenant_role_an_older_version_made_reads_its_workspace_through_views_of_its_own_after_the_upgrade()
    {
        var role = "ac_" + RandomNumberGenerator.GetHexString(24, lowercase: true);
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        try
        {
            await using (var connection = await Sql.OpenAsync(database.ConnectionString))
            {
                // Version 7 gave every tenant role the shared views of schema "tenant" (a BI role here: no store code logs in as it).
                await SchemaMigrations.ApplyAsync(connection, Ct, upTo: 7);
                await Sql.ScalarAsync<int>(connection, $"""
                    CREATE ROLE {role} LOGIN PASSWORD 'old-secret';
                    ALTER ROLE {role} SET search_path = tenant;
                    GRANT CONNECT ON DATABASE {database.Name} TO {role};
                    GRANT USAGE ON SCHEMA tenant TO {role};
                    GRANT SELECT ON tenant.sessions, tenant.deployments TO {role};
                    INSERT INTO analytics.tenant_roles VALUES ('{role}', 'acme', 'bi', 'metabase', '2026-11-20', NULL);
                    INSERT INTO analytics.sessions (workspace_id, timeline_id, last_activity_at, session_id, session_started_timestamp,
                        session_type, session_status, user_country_code, user_cellphone, line_whatsapp_number, first_message)
                    VALUES ('acme', 1, '2026-11-20 12:00', 's-a', '2026-11-20 12:00', 'INBOUND', 'BOT', '+57', '3001', '5730', 'acme secret'),
                           ('globex', 2, '2026-11-20 12:00', 's-g', '2026-11-20 12:00', 'INBOUND', 'BOT', '+1', '4155', '1415', 'globex secret');
                    SELECT 1
                    """);
            }

            await (await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, Ct)).DisposeAsync();

            var tenant = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = "old-secret", Pooling = false };
            await using var session = await Sql.OpenAsync(tenant.ConnectionString);
            Assert.Equal($"{role}, tenant_bounds, pg_catalog", await Sql.ScalarAsync<string>(session, "SELECT current_setting('search_path')"));
            Assert.Equal("force_custom_plan", await Sql.ScalarAsync<string>(session, "SELECT current_setting('plan_cache_mode')"));
            Assert.Equal("acme secret", await Sql.ScalarAsync<string>(session, "SELECT string_agg(first_message, ',') FROM sessions"));
            Assert.Null(await Sql.ScalarAsync<string>(session, "SELECT to_regnamespace('tenant')::text"));
        }
        finally
        {
            await database.DisposeAsync();
            await using var admin = await Sql.OpenAsync(server.ConnectionString);
            await Sql.ScalarAsync<int>(admin, $"DROP ROLE IF EXISTS {role}; SELECT 1");
        }
    }

    [Fact]
    public async Task A_schema_newer_than_the_program_is_refused_in_words()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        (await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, Ct)).Dispose();
        await database.ExecuteAsSuperuserAsync($"INSERT INTO analytics.schema_migrations (version, name) VALUES ({SchemaMigrations.Latest + 1}, 'future')", Ct);

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, Ct));

        Assert.Equal($"database {database.Name} on PostgreSQL at 127.0.0.1:{database.Port}: the store's schema is version {SchemaMigrations.Latest + 1}, "
            + $"newer than this program knows ({SchemaMigrations.Latest}): use the newer program", refused.Message);
    }

    [Fact]
    public async Task Several_processes_opening_a_fresh_database_at_once_all_open_it_and_the_scripts_run_once()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, Ct), Ct)));

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.Equal(SchemaMigrations.Known.Count, await Sql.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM analytics.schema_migrations"));
    }
}
