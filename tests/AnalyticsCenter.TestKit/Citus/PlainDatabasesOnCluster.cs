using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.TestKit.Citus;

/// <summary>
/// The cluster, making its databases without Citus: a store opened there is an ordinary single-node store on the
/// coordinator, until <see cref="CitusCluster.AddCitusAsync"/> and <c>analytics store distribute</c>.
/// </summary>
public sealed class PlainDatabasesOnCluster(CitusCluster cluster) : IPostgresHost
{
    public bool IsRunning => cluster.IsRunning;

    public int Port => cluster.Port;

    public string ConnectionString => cluster.ConnectionString;

    public string ConnectionTo(string database) => cluster.ConnectionTo(database);

    public void SkipUnlessRunning() => cluster.SkipUnlessRunning();

    public Task<string> CreateDatabaseAsync(string? owner = null, CancellationToken cancellationToken = default) =>
        cluster.CreateDatabaseAsync(owner, withCitus: false, cancellationToken);

    public Task<string> CopyDatabaseAsync(string source, string owner, CancellationToken cancellationToken = default) =>
        cluster.CopyDatabaseAsync(source, owner, cancellationToken);

    public Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default) =>
        cluster.DropDatabaseAsync(database, cancellationToken);
}
