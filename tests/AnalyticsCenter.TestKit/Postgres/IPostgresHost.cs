namespace AnalyticsCenter.TestKit.Postgres;

/// <summary>
/// Where the tests make databases: one <see cref="PostgresServer"/>, or a Citus cluster (<see cref="Citus.CitusCluster"/>),
/// whose databases exist on every node and are reached through its coordinator.
/// </summary>
public interface IPostgresHost
{
    /// <summary>False when PostgreSQL (or Citus) is not installed, outside CI: tests then skip.</summary>
    bool IsRunning { get; }

    /// <summary>The port clients connect to.</summary>
    int Port { get; }

    /// <summary>The superuser's connection to the <c>postgres</c> database.</summary>
    string ConnectionString { get; }

    /// <summary>The superuser's connection to <paramref name="database"/>; skips the test when the host is not running.</summary>
    string ConnectionTo(string database);

    /// <summary>Skips the test, with the reason and what to install, when the host is not running (never under CI).</summary>
    void SkipUnlessRunning();

    /// <summary>Creates an empty database with a name of its own, owned by <paramref name="owner"/> (the superuser when null).</summary>
    Task<string> CreateDatabaseAsync(string? owner = null, CancellationToken cancellationToken = default);

    /// <summary>Copies <paramref name="source"/>, which nobody may be connected to, into a new database <paramref name="owner"/> owns.</summary>
    Task<string> CopyDatabaseAsync(string source, string owner, CancellationToken cancellationToken = default);

    /// <summary>Drops a database made here, closing whatever connections still use it.</summary>
    Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default);
}
