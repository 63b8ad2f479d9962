using AnalyticsCenter.TestKit.Citus;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// <see cref="TenantStore"/> on a Citus cluster of its own (a coordinator and two workers), started with the fixture and
/// stopped with it, so this assembly's other tests start no cluster. Classes using it should run one at a time.
/// </summary>
public sealed class CitusTenantStore : TenantStore
{
    public CitusTenantStore()
        : this(new CitusCluster())
    {
    }

    private CitusTenantStore(CitusCluster cluster)
        : base(cluster, ownsHost: true) => Cluster = cluster;

    public CitusCluster Cluster { get; }
}
