using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>Brings the sessions and deployments tables up to an as-of time.</summary>
public interface ITableRefresh
{
    /// <summary>
    /// Brings both tables of every workspace to <paramref name="asOfUtc"/>. Readers see the previous tables until it commits;
    /// one stopped midway leaves them whole.
    /// </summary>
    Task<RefreshReport> RefreshAsync(DateTime asOfUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings only <paramref name="workspace"/>'s tables to <paramref name="asOfUtc"/>, with its retention: every other
    /// workspace keeps its rows, its events and its as-of time. What a workspace's own key may ask for.
    /// </summary>
    Task<RefreshReport> RefreshAsync(WorkspaceId workspace, DateTime asOfUtc, CancellationToken cancellationToken = default);
}
