using System.Security.Cryptography;
using Npgsql;

namespace AnalyticsCenter.TestKit.Postgres;

/// <summary>
/// A fresh database owned by a fresh ordinary role (<c>LOGIN CREATEROLE</c>, as managed PostgreSQL services give), made by
/// the harness's superuser: what the store runs as. Dropped with its role at dispose.
/// </summary>
public sealed class OwnedDatabase : IAsyncDisposable
{
    private readonly IPostgresHost _server;

    private OwnedDatabase(IPostgresHost server, string name, string owner, string password)
    {
        _server = server;
        Name = name;
        Owner = owner;
        Password = password;
    }

    public string Name { get; }

    /// <summary>The owning role's name.</summary>
    public string Owner { get; }

    public string Password { get; }

    public int Port => _server.Port;

    /// <summary>The owner's connection: what the store opens.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _server.Port,
        Username = Owner,
        Password = Password,
        Database = Name,
    }.ConnectionString;

    /// <summary>The harness superuser's connection to this database, for what a test arranges behind the store's back.</summary>
    public string SuperuserConnectionString => _server.ConnectionTo(Name);

    public static async Task<OwnedDatabase> CreateAsync(IPostgresHost server, CancellationToken cancellationToken = default)
    {
        server.SkipUnlessRunning();
        var owner = "owner_" + Guid.NewGuid().ToString("N");
        var password = RandomNumberGenerator.GetHexString(24, lowercase: true);
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{password}'", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var name = await server.CreateDatabaseAsync(owner, cancellationToken);
        return new OwnedDatabase(server, name, owner, password);
    }

    /// <summary>Runs <paramref name="sql"/> as the superuser in this database.</summary>
    public async Task ExecuteAsSuperuserAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await _server.DropDatabaseAsync(Name);
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP ROLE IF EXISTS {Owner}", connection);
        await command.ExecuteNonQueryAsync();
    }
}
