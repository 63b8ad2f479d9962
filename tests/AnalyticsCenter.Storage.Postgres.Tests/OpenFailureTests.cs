using System.Net;
using System.Net.Sockets;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>Every way of not getting in is one line naming host, port and database, and says which way it was.</summary>
public sealed class OpenFailureTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_port_nobody_listens_on_is_a_server_that_cannot_be_reached()
    {
        var port = FreePort();

        var refused = await OpenAsync($"Host=127.0.0.1;Port={port};Username=someone;Password=secret-pw;Database=analytics");

        Assert.StartsWith($"database analytics on PostgreSQL at 127.0.0.1:{port}: cannot reach the server", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_credentials_and_the_password_is_not_repeated()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        var wrong = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = "not-the-password" }.ConnectionString;

        var refused = await OpenAsync(wrong);

        Assert.Equal($"database {database.Name} on PostgreSQL at 127.0.0.1:{database.Port}: the server refused user {database.Owner}'s credentials",
            refused.Message);
    }

    [Fact]
    public async Task A_missing_database_is_named()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        var missing = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "no_such_db" }.ConnectionString;

        var refused = await OpenAsync(missing);

        Assert.Equal($"database no_such_db on PostgreSQL at 127.0.0.1:{database.Port}: the database does not exist", refused.Message);
    }

    [Fact]
    public async Task A_role_that_does_not_own_the_database_lacks_the_rights_to_create_the_store()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        var stranger = "stranger_" + database.Name["test_".Length..];
        await database.ExecuteAsSuperuserAsync($"CREATE ROLE {stranger} LOGIN PASSWORD 'pw'; REVOKE CREATE ON DATABASE {database.Name} FROM PUBLIC", Ct);
        try
        {
            var asStranger = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = stranger, Password = "pw" }.ConnectionString;

            var refused = await OpenAsync(asStranger);

            Assert.StartsWith($"database {database.Name} on PostgreSQL at 127.0.0.1:{database.Port}: user {stranger} lacks the rights the store needs",
                refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', refused.Message);
        }
        finally
        {
            await database.ExecuteAsSuperuserAsync($"DROP OWNED BY {stranger}; DROP ROLE {stranger}", Ct);
        }
    }

    [Fact]
    public async Task A_database_dropped_under_an_open_store_makes_its_next_call_one_line_naming_it()
    {
        var database = await OwnedDatabase.CreateAsync(server, Ct);
        await using var store = await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, Ct);
        await database.DisposeAsync();

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetStatusAsync(cancellationToken: Ct));

        Assert.StartsWith($"database {database.Name} on PostgreSQL at 127.0.0.1:{database.Port}: ", refused.Message, StringComparison.Ordinal);
    }

    private static Task<StoreUnavailableException> OpenAsync(string connectionString) =>
        Assert.ThrowsAsync<StoreUnavailableException>(() =>
            PostgresStore.OpenAsync(connectionString, new PostgresStoreOptions { ConnectTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System, Ct));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
