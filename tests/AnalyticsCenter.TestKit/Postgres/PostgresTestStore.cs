using AnalyticsCenter.Storage.Postgres;
using Npgsql;
using Xunit;

namespace AnalyticsCenter.TestKit.Postgres;

/// <summary>A PostgreSQL store on a database of its own, opened as the database's owner (never a superuser); dropped afterwards.</summary>
public sealed class PostgresTestStore : StoreUnderTest
{
    private readonly IPostgresHost _server;
    private PostgresStore _store;

    private PostgresTestStore(IPostgresHost server, string database, string connectionString, PostgresStoreOptions options, PostgresStore store,
        FixedTimeProvider time)
        : base(time)
    {
        _server = server;
        Database = database;
        ConnectionString = connectionString;
        Options = options;
        _store = store;
    }

    public override PostgresStore Store => _store;

    public string Database { get; }

    /// <summary>The owner's connection: what the store opens.</summary>
    public string ConnectionString { get; }

    public PostgresStoreOptions Options { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Opens a store on <paramref name="database"/>, which <paramref name="connectionString"/>'s role owns; the store drops it at dispose.</summary>
    public static async Task<PostgresTestStore> OpenAsync(
        IPostgresHost server, string database, string connectionString, PostgresStoreOptions options, FixedTimeProvider? time)
    {
        time ??= new FixedTimeProvider(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));
        try
        {
            return new PostgresTestStore(server, database, connectionString, options, await PostgresStore.OpenAsync(connectionString, options, time, Ct), time);
        }
        catch
        {
            await server.DropDatabaseAsync(database);
            throw;
        }
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, run as the store's owner.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    public override async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        _store = await PostgresStore.OpenAsync(ConnectionString, Options, Time, Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await _server.DropDatabaseAsync(Database);
    }
}
