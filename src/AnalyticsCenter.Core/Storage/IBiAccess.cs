using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Direct database logins for BI tools (psql, Metabase, Power BI…): each reads one workspace's <c>sessions</c> and
/// <c>deployments</c> and nothing else, read-only, with a statement timeout and a connection limit. Only a store that
/// BI tools can reach over the network offers it.
/// </summary>
public interface IBiAccess
{
    /// <summary>
    /// Creates a login for <paramref name="workspace"/> named <paramref name="name"/> with a generated password; the returned
    /// <see cref="BiAccessGrant.ConnectionUrl"/> is the one chance to see it.
    /// </summary>
    /// <param name="workspace">The workspace the login reads.</param>
    /// <param name="name">1 to 63 characters of <c>a-z 0-9 _ -</c>, unique in the store.</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <exception cref="ArgumentException">The name is malformed or already granted.</exception>
    Task<BiAccessGrant> GrantBiAccessAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken = default);

    /// <summary>Every BI login, by workspace then name; never passwords.</summary>
    Task<IReadOnlyList<BiAccessInfo>> ListBiAccessAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops the login named <paramref name="name"/> and ends its open sessions: it cannot connect again. True if it existed.
    /// </summary>
    Task<bool> RevokeBiAccessAsync(string name, CancellationToken cancellationToken = default);
}
