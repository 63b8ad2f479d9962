using System.Net;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

public sealed class PostgresServerTests(PostgresServer server)
{
    [Fact]
    public async Task The_server_is_PostgreSQL_15_answering_on_loopback_at_the_port_it_chose()
    {
        await using var connection = await Sql.OpenAsync(server.ConnectionString);

        Assert.StartsWith("PostgreSQL 15.", await Sql.ScalarAsync<string>(connection, "SELECT version()"), StringComparison.Ordinal);
        Assert.Equal(IPAddress.Loopback, await Sql.ScalarAsync<IPAddress>(connection, "SELECT inet_server_addr()"));
        Assert.Equal(server.Port, await Sql.ScalarAsync<int>(connection, "SELECT inet_server_port()"));
    }

    [Fact]
    public async Task It_listens_on_loopback_only()
    {
        await using var connection = await Sql.OpenAsync(server.ConnectionString);

        Assert.Equal("127.0.0.1", await Sql.ScalarAsync<string>(connection, "SHOW listen_addresses"));
    }

    [Fact]
    public async Task The_connection_is_the_superuser_and_a_wrong_password_is_refused()
    {
        await using (var connection = await Sql.OpenAsync(server.ConnectionString))
        {
            Assert.Equal(PostgresServer.Superuser, await Sql.ScalarAsync<string>(connection, "SELECT current_user"));
            Assert.True(await Sql.ScalarAsync<bool>(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        }

        var wrong = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = "not-the-password", Pooling = false };
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.OpenAsync(wrong.ConnectionString));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }
}
