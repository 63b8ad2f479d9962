namespace AnalyticsCenter.Core.Access;

/// <summary>A one-time link to set a password, just issued: its token exists only here (the store keeps a hash).</summary>
/// <param name="User">Whose password it sets.</param>
/// <param name="Kind">Invitation or reset.</param>
/// <param name="ExpiresAtUtc">After this it is refused.</param>
/// <param name="Token">The secret part of the link (<see cref="OneTimeTokens"/>), to hand over once.</param>
public sealed record IssuedPasswordLink(WorkspaceUser User, PasswordLinkKind Kind, DateTime ExpiresAtUtc, string Token)
{
    // The token must not end up in logs by way of a record's generated ToString.
    /// <inheritdoc />
    public override string ToString() => $"IssuedPasswordLink {{ User = {User}, Kind = {Kind}, ExpiresAtUtc = {ExpiresAtUtc:O} }}";
}
