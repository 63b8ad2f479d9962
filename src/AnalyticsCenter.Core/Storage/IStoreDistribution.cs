namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// A store that can spread itself over a cluster of database servers, sharded by workspace (PostgreSQL on Citus). Only a
/// store whose database can be distributed offers it.
/// </summary>
public interface IStoreDistribution
{
    /// <summary>Spreads the existing store over its cluster, in place and with its rows.</summary>
    /// <param name="cancellationToken">Stops waiting for the store; the change is one transaction.</param>
    /// <returns>False when the store was already distributed.</returns>
    /// <exception cref="InvalidOperationException">The database is not part of a cluster (no <c>citus</c> extension).</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> DistributeAsync(CancellationToken cancellationToken = default);
}
