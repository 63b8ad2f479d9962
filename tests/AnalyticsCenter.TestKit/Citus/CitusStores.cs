using AnalyticsCenter.TestKit.Postgres;
using Xunit;

namespace AnalyticsCenter.TestKit.Citus;

/// <summary>
/// PostgreSQL stores on the shared <see cref="CitusCluster"/>, for one test class (<c>IClassFixture&lt;CitusStores&gt;</c>):
/// <see cref="PostgreSqlStores"/> on the cluster, so each store lays its schema out for Citus when it opens.
/// </summary>
public sealed class CitusStores(CitusCluster cluster) : IStoreFactory, IAsyncLifetime
{
    private readonly PostgreSqlStores _stores = new(cluster);

    public ValueTask InitializeAsync() => _stores.InitializeAsync();

    public Task<StoreUnderTest> CreateAsync(StoreSetup? setup = null, FixedTimeProvider? time = null) => _stores.CreateAsync(setup, time);

    public ValueTask DisposeAsync() => _stores.DisposeAsync();
}
