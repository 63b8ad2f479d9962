using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>The API keys that act as a workspace.</summary>
public interface IAccessKeys
{
    /// <summary>
    /// Creates an API key acting as <paramref name="workspace"/> with <paramref name="scope"/>. The store keeps only a salted
    /// hash of its secret: the returned <see cref="CreatedApiKey.Key"/> is the one chance to see the whole key.
    /// </summary>
    /// <param name="workspace">The workspace the key acts as.</param>
    /// <param name="name">A label to tell keys apart (not unique, not secret).</param>
    /// <param name="scope">What the key may do.</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    Task<CreatedApiKey> CreateKeyAsync(WorkspaceId workspace, string name, KeyScope scope, CancellationToken cancellationToken = default);

    /// <summary>Every key, revoked ones included, or only <paramref name="workspace"/>'s; by workspace, then creation time. Never secrets.</summary>
    Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key for good; true if it existed and was not already revoked.</summary>
    Task<bool> RevokeKeyAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The key <paramref name="presentedKey"/> names, when it is well-formed, known, not revoked, and its secret matches
    /// (compared in constant time); otherwise null. Never throws for what a client sends.
    /// </summary>
    Task<ApiKeyInfo?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken = default);
}
