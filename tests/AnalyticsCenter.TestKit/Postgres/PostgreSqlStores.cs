using AnalyticsCenter.Storage.Postgres;
using Npgsql;
using Xunit;

namespace AnalyticsCenter.TestKit.Postgres;

/// <summary>
/// PostgreSQL stores on the shared <see cref="PostgresServer"/>, for one test class (<c>IClassFixture&lt;PostgreSqlStores&gt;</c>):
/// the class's owner role migrates one template database once, and each store is a copy of it (a file copy, far cheaper
/// than running the migrations again), owned by that role. Dropped with the class. On a Citus cluster
/// (<see cref="Citus.CitusStores"/>) the template and its copies exist on every node.
/// </summary>
public sealed class PostgreSqlStores : IStoreFactory, IAsyncLifetime
{
    private readonly IPostgresHost _server;
    private OwnedDatabase? _template;

    public PostgreSqlStores(PostgresServer server)
        : this((IPostgresHost)server)
    {
    }

    internal PostgreSqlStores(IPostgresHost host) => _server = host;

    public async ValueTask InitializeAsync()
    {
        if (!_server.IsRunning)
        {
            return;
        }

        _template = await OwnedDatabase.CreateAsync(_server);
        await using (await PostgresStore.OpenAsync(_template.ConnectionString, new PostgresStoreOptions(), TimeProvider.System, default))
        {
        }

        // A template must have no connections while it is copied.
        using var pooled = new NpgsqlConnection(_template.ConnectionString);
        NpgsqlConnection.ClearPool(pooled);
    }

    public async Task<StoreUnderTest> CreateAsync(StoreSetup? setup = null, FixedTimeProvider? time = null)
    {
        _server.SkipUnlessRunning();
        var template = _template ?? throw new InvalidOperationException("the template is made when xunit initializes the class fixture");
        setup ??= StoreSetup.Default;
        var defaults = new PostgresStoreOptions();
        var options = defaults with
        {
            IngestBatchLines = setup.IngestBatchLines ?? defaults.IngestBatchLines,
            Retention = setup.Retention ?? defaults.Retention,
        };
        var name = await _server.CopyDatabaseAsync(template.Name, template.Owner, TestContext.Current.CancellationToken);

        var connectionString = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Database = name }.ConnectionString;
        return await PostgresTestStore.OpenAsync(_server, name, connectionString, options, time);
    }

    public async ValueTask DisposeAsync()
    {
        if (_template is not null)
        {
            await _template.DisposeAsync();
        }
    }
}
