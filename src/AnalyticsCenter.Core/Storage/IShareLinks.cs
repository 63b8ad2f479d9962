using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>Read-only links to one report of a workspace with fixed filters, opened without signing in.</summary>
public interface IShareLinks
{
    /// <summary>Makes a link to <paramref name="report"/> with <paramref name="filters"/>, refused after <paramref name="expiresAtUtc"/>.</summary>
    /// <exception cref="ArgumentException">The report is blank or the filters too long (<see cref="TeamRules.Share"/>).</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<CreatedShareLink> CreateShareLinkAsync(
        WorkspaceId workspace, string report, string filters, DateTime expiresAtUtc, CancellationToken cancellationToken = default);

    /// <summary><paramref name="workspace"/>'s links, revoked and expired ones included, newest first.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<ShareLink>> ListShareLinksAsync(WorkspaceId workspace, CancellationToken cancellationToken = default);

    /// <summary>Revokes one of <paramref name="workspace"/>'s links for good; false when it has no such active link.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> RevokeShareLinkAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default);

    /// <summary>The link <paramref name="token"/> opens when it is neither revoked nor expired, or null. Never throws for what a client sends.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<ShareLink?> FindShareLinkAsync(string token, CancellationToken cancellationToken = default);
}
