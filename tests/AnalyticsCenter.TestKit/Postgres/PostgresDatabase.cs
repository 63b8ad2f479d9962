using Xunit;

namespace AnalyticsCenter.TestKit.Postgres;

/// <summary>
/// A database of its own on the shared <see cref="PostgresServer"/> for one test class (<c>IClassFixture&lt;PostgresDatabase&gt;</c>),
/// so classes never see each other's rows; dropped when the class is done.
/// </summary>
public sealed class PostgresDatabase(PostgresServer server) : IAsyncLifetime
{
    private string? _name;

    public string Name
    {
        get
        {
            server.SkipUnlessRunning();
            return _name ?? throw new InvalidOperationException("the database is made when xunit initializes the class fixture");
        }
    }

    /// <summary>The superuser's connection to this database; skips the test when PostgreSQL is not installed.</summary>
    public string ConnectionString => server.ConnectionTo(Name);

    public async ValueTask InitializeAsync()
    {
        if (server.IsRunning)
        {
            _name = await server.CreateDatabaseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_name is not null)
        {
            await server.DropDatabaseAsync(_name);
        }
    }
}
