using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// A number per workspace that changes, in the same transaction, with everything a ready report reads: its sessions and
/// deployments (each refresh) and its uploaded tables. Two reads that give the same number saw the same rows, so an answer
/// computed from them stays right until the number changes.
/// </summary>
public interface IDataVersions
{
    /// <summary>The workspace's data version: 0 until its first refresh or upload, then larger with each.</summary>
    Task<long> DataVersionAsync(WorkspaceId workspace, CancellationToken cancellationToken = default);
}
