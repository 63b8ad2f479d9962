using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// A database of its own for one test class (<c>IClassFixture&lt;PostgresStore&gt;</c>), owned by an ordinary
/// <c>LOGIN CREATEROLE</c> role, and the <c>postgresql://</c> URL the program is given for it, as a user would type it.
/// </summary>
public sealed class PostgresStore(PostgresServer server) : IAsyncLifetime
{
    private OwnedDatabase? _database;

    /// <summary>The database; skips the test when PostgreSQL is not installed (never under CI).</summary>
    public OwnedDatabase Database
    {
        get
        {
            server.SkipUnlessRunning();
            return _database ?? throw new InvalidOperationException("the database is made when xunit initializes the class fixture");
        }
    }

    /// <summary><c>postgresql://owner:password@127.0.0.1:port/database</c>.</summary>
    public string Url => $"postgresql://{Database.Owner}:{Database.Password}@127.0.0.1:{Database.Port}/{Database.Name}";

    public async ValueTask InitializeAsync()
    {
        if (server.IsRunning)
        {
            _database = await OwnedDatabase.CreateAsync(server);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
