namespace AnalyticsCenter.Core.Access;

/// <summary>A workspace API key as the store describes it: everything but its secret, which is never kept.</summary>
/// <param name="KeyId">The public part of the key (12 lowercase base32 characters), safe to show and log.</param>
/// <param name="Workspace">The workspace the key acts as; it sees only that workspace's rows.</param>
/// <param name="Name">A label chosen when the key was created, to tell keys apart.</param>
/// <param name="Scope">What the key may do.</param>
/// <param name="CreatedAtUtc">When it was created.</param>
/// <param name="RevokedAtUtc">When it was revoked; null while it is active.</param>
public sealed record ApiKeyInfo(string KeyId, string Workspace, string Name, KeyScope Scope, DateTime CreatedAtUtc, DateTime? RevokedAtUtc)
{
    /// <summary>Whether the key is still usable.</summary>
    public bool IsActive => RevokedAtUtc is null;

    /// <summary>
    /// The role the key acts with: a read key as an analyst (it could always query and save queries), an admin key as an
    /// admin; an ingest key has none (it only sends events).
    /// </summary>
    public WorkspaceRole? Role => Scope switch
    {
        KeyScope.Read => WorkspaceRole.Analyst,
        KeyScope.Admin => WorkspaceRole.Admin,
        _ => null,
    };

    /// <summary>Whether the key's scope permits <paramref name="needed"/>: an admin key permits everything, others only their own scope.</summary>
    public bool Allows(KeyScope needed) => Scope == KeyScope.Admin || Scope == needed;
}
