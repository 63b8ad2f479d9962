namespace AnalyticsCenter.Core.Access;

/// <summary>A key a host platform signs embed tokens with, as the store lists it: never its secret.</summary>
/// <param name="KeyId">Its identifier (16 lowercase hex characters), the <c>kid</c> a token's header names.</param>
/// <param name="Host">The host platform's name, the <c>iss</c> its tokens carry.</param>
/// <param name="Workspace">The one workspace its tokens may open, or null for any (a key made on the command line).</param>
/// <param name="CreatedAtUtc">When it was made.</param>
/// <param name="RevokedAtUtc">When it was revoked; null while it is not.</param>
public sealed record EmbedKey(string KeyId, string Host, string? Workspace, DateTime CreatedAtUtc, DateTime? RevokedAtUtc)
{
    /// <summary>Whether tokens it signed are still accepted.</summary>
    public bool IsActive => RevokedAtUtc is null;
}
