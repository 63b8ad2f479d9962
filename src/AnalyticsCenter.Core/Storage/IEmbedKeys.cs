using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// The keys host platforms sign embed tokens with, and the ids of tokens already used, kept until they expire so that a
/// token opens one session only, on any server of the store.
/// </summary>
public interface IEmbedKeys
{
    /// <summary>Makes a key for <paramref name="host"/>, good for <paramref name="workspace"/> only, or any workspace when null.</summary>
    /// <exception cref="ArgumentException">The host is not a name (<see cref="EmbedRules.Host"/>).</exception>
    /// <exception cref="InvalidOperationException">The host has <see cref="EmbedRules.MaxActiveKeysPerHost"/> active keys for that scope.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<CreatedEmbedKey> AddEmbedKeyAsync(string host, WorkspaceId? workspace, CancellationToken cancellationToken = default);

    /// <summary>Keys, revoked ones included, oldest first: those good for <paramref name="workspace"/> only, or every key when null.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<EmbedKey>> ListEmbedKeysAsync(WorkspaceId? workspace, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes a key of <paramref name="host"/> for good (one good for <paramref name="workspace"/> only, or any when null);
    /// false when there is no such active key.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> RevokeEmbedKeyAsync(string host, string keyId, WorkspaceId? workspace, CancellationToken cancellationToken = default);

    /// <summary>The active key <paramref name="keyId"/> of <paramref name="host"/> with its secret, or null. Never throws for what a client sends.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<CreatedEmbedKey?> FindEmbedKeyAsync(string host, string keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that <paramref name="host"/>'s token <paramref name="tokenId"/> was used, kept until <paramref name="keepUntilUtc"/>;
    /// true the first time, false when it was used before (a replay). Ids kept past their time are forgotten.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> UseEmbedTokenAsync(string host, string tokenId, DateTime keepUntilUtc, CancellationToken cancellationToken = default);
}
