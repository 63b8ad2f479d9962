using System.Diagnostics;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>A BI tool's login: printed once, reads one workspace's two views, nothing else, and revoking it ends it.</summary>
public abstract class BiAccessTests(TenantStore store)
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 20, 14, 3, 11, TimeSpan.Zero);

    private readonly BiAccess _access = new(store.Store, TenantStore.Options, new FixedTimeProvider(s_now));

    [Fact]
    public async Task A_grant_prints_a_URL_once_that_reads_only_the_workspace_rows()
    {
        var grant = await GrantBiAccessAsync("metabase");

        Assert.Matches(@"^postgresql://ac_[0-9a-f]{24}:[0-9a-f]{40}@127\.0\.0\.1:\d+/test_[0-9a-f]{32}$", grant.ConnectionUrl);
        Assert.Equal(new BiAccessInfo("metabase", "acme", grant.Info.Role, s_now.UtcDateTime), grant.Info);
        Assert.DoesNotContain(Password(grant), grant.ToString(), StringComparison.Ordinal);
        await using var connection = await Sql.OpenAsync(ConnectionString(grant.ConnectionUrl));
        Assert.Equal(TenantStore.AcmeSecret, await Sql.ScalarAsync<string>(connection, "SELECT string_agg(first_message, ',') FROM sessions"));
        Assert.Equal("dep-a", await Sql.ScalarAsync<string>(connection, "SELECT string_agg(deployment_id, ',') FROM deployments"));
    }

    [Theory]
    [InlineData("INSERT INTO sessions (session_id) VALUES ('x')")]
    [InlineData("SET default_transaction_read_only = off; DELETE FROM sessions")]
    [InlineData("SET default_transaction_read_only = off; CREATE TABLE t (a int)")]
    [InlineData("SELECT * FROM analytics.sessions")]
    [InlineData("SELECT * FROM analytics.tenant_roles")]
    [InlineData("SELECT * FROM analytics.audit_log")]
    [InlineData("SELECT * FROM analytics.refresh_dirty")]
    [InlineData("SELECT pg_read_file('/etc/passwd')")]
    [InlineData("SELECT pg_sleep(3)")]
    public async Task The_login_cannot_write_read_another_table_or_run_past_its_timeout(string attack)
    {
        var grant = await GrantBiAccessAsync("attacks-" + Guid.NewGuid().ToString("N")[..8]);
        await using var connection = await Sql.OpenAsync(ConnectionString(grant.ConnectionUrl));

        await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<object>(connection, attack));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connection, "SELECT count(*) FROM sessions"));
    }

    [Fact]
    public async Task The_login_has_its_limits_as_session_defaults_and_a_connection_limit()
    {
        var grant = await GrantBiAccessAsync("limits");
        var settings = new NpgsqlConnectionStringBuilder(ConnectionString(grant.ConnectionUrl)) { Pooling = false };
        var open = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < new TenantAccessOptions().BiConnectionLimit; i++)
            {
                open.Add(await Sql.OpenAsync(settings.ConnectionString));
            }

            Assert.Equal($"1s,on,{grant.Info.Role}, tenant_bounds, pg_catalog", await Sql.ScalarAsync<string>(open[0],
                "SELECT concat_ws(',', current_setting('statement_timeout'), current_setting('default_transaction_read_only'), "
                + "current_setting('search_path'))"));
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.OpenAsync(settings.ConnectionString));
            Assert.Equal(PostgresErrorCodes.TooManyConnections, refused.SqlState);
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_statement_the_BI_tool_prepares_is_planned_with_its_values_however_often_it_runs()
    {
        var grant = await GrantBiAccessAsync("prepared");
        await using var connection = await Sql.OpenAsync(ConnectionString(grant.ConnectionUrl));
        // The ELSE arm is planned only when the value is unknown at planning (a generic plan), and there it divides by zero.
        await using var command = new NpgsqlCommand("SELECT CASE WHEN $1::text IS NULL THEN 0 ELSE 1 / 0 END", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.PrepareAsync(TestContext.Current.CancellationToken);

        for (var run = 0; run < 10; run++)
        {
            Assert.Equal(0, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Revoking_ends_the_open_sessions_and_the_login_cannot_connect_again()
    {
        var grant = await GrantBiAccessAsync("revoked");
        var settings = new NpgsqlConnectionStringBuilder(ConnectionString(grant.ConnectionUrl)) { Pooling = false };
        await using var session = await Sql.OpenAsync(settings.ConnectionString);
        // Something the login owns (a large object: PostgreSQL lets any role make them), which revoking must drop with it.
        Assert.True(await Sql.ScalarAsync<uint>(session, "SELECT lo_create(0)") > 0);

        Assert.True(await _access.RevokeBiAccessAsync("revoked", TestContext.Current.CancellationToken));

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Sql.ScalarAsync<long>(session, "SELECT count(*) FROM sessions"));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.OpenAsync(settings.ConnectionString));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        Assert.DoesNotContain(await _access.ListBiAccessAsync(TestContext.Current.CancellationToken), info => info.Name == "revoked");
        Assert.False(await _access.RevokeBiAccessAsync("revoked", TestContext.Current.CancellationToken));
        await using var connection = await store.Store.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connection, $"SELECT count(*) FROM pg_roles WHERE rolname = '{grant.Info.Role}'"));
    }

    [Fact]
    public async Task Names_are_unique_well_formed_and_listed_without_passwords()
    {
        var grant = await GrantBiAccessAsync("powerbi");

        await Assert.ThrowsAsync<ArgumentException>(() => _access.GrantBiAccessAsync(TenantStore.Globex, "powerbi", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => _access.GrantBiAccessAsync(TenantStore.Acme, "Power BI", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => _access.GrantBiAccessAsync(TenantStore.Acme, "", TestContext.Current.CancellationToken));
        var listed = Assert.Single(await _access.ListBiAccessAsync(TestContext.Current.CancellationToken), info => info.Name == "powerbi");
        Assert.Equal(grant.Info, listed);
        Assert.DoesNotContain(Password(grant), listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Psql_connects_with_the_printed_URL_and_sees_only_the_workspace_rows()
    {
        var grant = await GrantBiAccessAsync("psql", TenantStore.Globex);

        var (exit, output) = await PsqlAsync(grant.ConnectionUrl, "SELECT first_message FROM sessions ORDER BY 1");
        Assert.Equal(0, exit);
        Assert.Equal($"{TenantStore.GlobexSecret}\n{TenantStore.GlobexSecret} 2", output.Trim());

        (exit, output) = await PsqlAsync(grant.ConnectionUrl, "SELECT * FROM analytics.sessions");
        Assert.NotEqual(0, exit);
        Assert.Contains("permission denied", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_reads_its_workspace_uploads_and_never_another_workspaces_of_the_same_name()
    {
        var before = await GrantBiAccessAsync("uploads-before");
        var uploads = new WorkspaceUploads(store.Store, new FixedTimeProvider(s_now));
        var name = "spend_" + Guid.NewGuid().ToString("N")[..8];
        foreach (var workspace in new[] { TenantStore.Acme, TenantStore.Globex })
        {
            var table = new UploadedTable(name, [new UploadColumn("owner", UploadColumnType.Text)], [[workspace.Value]], workspace.Value.Length);
            await uploads.UploadAsync(workspace, table, UploadMode.Create, new UploadLimits(), TestContext.Current.CancellationToken);
        }

        var after = await GrantBiAccessAsync("uploads-after");

        foreach (var grant in new[] { before, after })
        {
            await using var connection = await Sql.OpenAsync(ConnectionString(grant.ConnectionUrl));
            Assert.Equal("acme", await Sql.ScalarAsync<string>(connection, $"SELECT string_agg(owner, ',') FROM {name}"));
            Assert.Equal(1L, await Sql.ScalarAsync<long>(connection, $"SELECT count(*) FROM analytics.upload_rows WHERE upload_name = '{name}'"));
            await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<object>(connection, "SELECT count(*) FROM analytics.uploads"));
        }
    }

    private Task<BiAccessGrant> GrantBiAccessAsync(string name, Core.Events.WorkspaceId? workspace = null) =>
        _access.GrantBiAccessAsync(workspace ?? TenantStore.Acme, name, TestContext.Current.CancellationToken);

    private static string Password(BiAccessGrant grant) => new Uri(grant.ConnectionUrl).UserInfo.Split(':')[1];

    /// <summary>The Npgsql form of a <c>postgresql://</c> URL, as a BI tool reads it.</summary>
    private static string ConnectionString(string url)
    {
        var uri = new Uri(url);
        var user = uri.UserInfo.Split(':');
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port,
            Database = uri.AbsolutePath.TrimStart('/'),
            Username = user[0],
            Password = user[1],
        }.ConnectionString;
    }

    private static async Task<(int Exit, string Output)> PsqlAsync(string url, string sql)
    {
        var binaries = PostgresBinaries.Find(out var missing) ?? throw new InvalidOperationException(missing);
        var start = new ProcessStartInfo(Path.Combine(binaries.Folder, "psql"), [url, "-X", "-A", "-t", "-c", sql])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }
}
